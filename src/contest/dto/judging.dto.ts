import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { SLUG } from './contest.dto.js';

export class ScoreDto {
  @ApiProperty({
    description: 'Weighted rubric: a whole number per criterion key; bias bounty: a level key per factor key',
    example: { harm: 7, novelty: 5, stakeholder_ideas: 8 },
  })
  @IsObject({ message: 'values must be an object of criterion keys' })
  values: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'comment must be at most 5000 characters' })
  comment?: string;
}

export class RecuseDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @Length(3, 2000, { message: 'reason must be between 3 and 2000 characters' })
  reason: string;
}

export class ConflictDto {
  @ApiProperty({ description: 'The email of the person you have a conflict of interest with' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AssignJudgeDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A judge of this contest; omitted: the least-loaded eligible judge',
  })
  @IsOptional()
  @IsUUID('all', { message: 'judgeId must be a UUID' })
  judgeId?: string;
}

export class JudgeParamsDto {
  @ApiProperty({ example: 'feedback-2026' })
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and hyphens (1 to 64)' })
  slug: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class AssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this contest' })
  @IsOptional()
  @Matches(SLUG, { message: 'contest must be a contest slug' })
  contest?: string;

  @ApiPropertyOptional({ enum: ['assigned', 'submitted', 'recused'] })
  @IsOptional()
  @IsIn(['assigned', 'submitted', 'recused'], {
    message: 'status must be one of assigned, submitted, recused',
  })
  status?: 'assigned' | 'submitted' | 'recused';
}
