import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { SCREENINGS } from '../contest.entities.js';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

export class CreateEntryDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Your own reports (1 to 10); each can be in one entry only',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'reportIds must name at least one report' })
  @ArrayMaxSize(10, { message: 'reportIds must name at most 10 reports' })
  @ArrayUnique({ message: 'reportIds must not repeat a report' })
  @IsUUID('all', { each: true, message: 'each value in reportIds must be a UUID' })
  reportIds: string[];

  @ApiProperty({ minLength: 1, maxLength: 20_000 })
  @IsString()
  @Length(1, 20_000, { message: 'writeUp must be between 1 and 20000 characters' })
  writeUp: string;

  @ApiProperty({ description: 'Your age in years (attested)', minimum: 0, maximum: 150 })
  @IsInt({ message: 'age must be a whole number' })
  @Min(0)
  @Max(150)
  age: number;

  @ApiProperty({ example: 'GB', description: 'Country of residence, ISO 3166-1 alpha-2 (attested)' })
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code' })
  country: string;

  @ApiProperty({ description: 'The rules version you read and accept (rulesVersion of the contest)' })
  @IsInt({ message: 'acceptRulesVersion must be a whole number' })
  @Min(1)
  acceptRulesVersion: number;

  @ApiPropertyOptional({ default: false, description: 'Show your display name in the public results' })
  @IsOptional()
  @IsBoolean({ message: 'showName must be true or false' })
  showName?: boolean;
}

export class UpdateEntryDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'reportIds must name at least one report' })
  @ArrayMaxSize(10, { message: 'reportIds must name at most 10 reports' })
  @ArrayUnique({ message: 'reportIds must not repeat a report' })
  @IsUUID('all', { each: true, message: 'each value in reportIds must be a UUID' })
  reportIds?: string[];

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @Length(1, 20_000, { message: 'writeUp must be between 1 and 20000 characters' })
  writeUp?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'showName must be true or false' })
  showName?: boolean;
}

const DECISIONS = SCREENINGS.filter((s) => s !== 'pending');

export class ScreenEntryDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision: 'eligible' | 'disqualified';

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required to disqualify; the entrant sees it' })
  @IsOptional()
  @IsString()
  @Length(3, 2000, { message: 'reason must be between 3 and 2000 characters' })
  reason?: string;
}

export class EntryParamsDto {
  @ApiProperty({ example: 'feedback-2026' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, {
    message: 'slug must be lower-case letters, digits and hyphens (1 to 64)',
  })
  slug: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'entryId must be a UUID' })
  entryId: string;
}
