import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MODERATION_CATEGORIES, type ModerationCategory } from '../../ml/classifier/categories.js';
import { IsStringOrStringArray } from '../../common/validators.js';

export const categoryMessage = `must be one of ${MODERATION_CATEGORIES.join(', ')}`;

export class ThresholdDto {
  @ApiProperty({ enum: MODERATION_CATEGORIES })
  @IsIn(MODERATION_CATEGORIES, { message: `category ${categoryMessage}` })
  category: ModerationCategory;

  @ApiProperty({ minimum: 0, maximum: 1 })
  @IsNumber()
  @Min(0)
  @Max(1)
  warn: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  @IsNumber()
  @Min(0)
  @Max(1)
  block: number;
}

export class SetThresholdsDto {
  @ApiProperty({ type: [ThresholdDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MODERATION_CATEGORIES.length)
  @ValidateNested({ each: true })
  @Type(() => ThresholdDto)
  thresholds: ThresholdDto[];
}

export class CreateRuleDto {
  @ApiProperty({ enum: MODERATION_CATEGORIES })
  @IsIn(MODERATION_CATEGORIES, { message: `category ${categoryMessage}` })
  category: ModerationCategory;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  term: string;
}

/** OpenAI's moderation request: a string or an array of strings. */
export class ModerationRequestDto {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  @IsStringOrStringArray(32, 100_000, { message: 'input must be a string or an array of at most 32 strings of at most 100000 characters' })
  input: string | string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  model?: string;

  @Allow()
  @IsOptional()
  user?: unknown;
}
