import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MODEL_KINDS, type ModelKind } from '../model-version.entity.js';

export class PromoteDto {
  @ApiProperty({ description: 'Why (kept in the audit log)' })
  @IsString({ message: 'reason must be a string' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason: string;
}

export class RollbackDto extends PromoteDto {
  @ApiPropertyOptional({ enum: MODEL_KINDS, default: 'policy' })
  @IsOptional()
  @IsIn(MODEL_KINDS, { message: `kind must be one of ${MODEL_KINDS.join(', ')}` })
  kind?: ModelKind;
}
