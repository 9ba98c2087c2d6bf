import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MODERATION_CATEGORIES } from '../../ml/classifier/categories.js';
import { PageQueryDto } from '../../common/pagination.js';
import { RATING_REASONS, REPORT_KINDS, REPORT_STATUSES, type RatingReason, type ReportKind, type ReportStatus } from '../feedback.entities.js';

const categoryMessage = `each value in categories must be one of ${MODERATION_CATEGORIES.join(', ')}`;

export class RateMessageDto {
  @ApiProperty({ enum: ['up', 'down'] })
  @IsIn(['up', 'down'], { message: 'value must be up or down' })
  value: 'up' | 'down';

  @ApiPropertyOptional({ enum: RATING_REASONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RATING_REASONS, { each: true, message: `each value in reasons must be one of ${RATING_REASONS.join(', ')}` })
  reasons?: RatingReason[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class CreateReportDto {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS, { message: `kind must be one of ${REPORT_KINDS.join(', ')}` })
  kind: ReportKind;

  @ApiProperty({ format: 'uuid', description: 'The message reported' })
  @IsUUID('all', { message: 'messageId must be a UUID' })
  messageId: string;

  @ApiPropertyOptional({ enum: MODERATION_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(MODERATION_CATEGORIES.length)
  @IsIn(MODERATION_CATEGORIES, { each: true, message: categoryMessage })
  categories?: string[];

  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @IsString()
  @Length(1, 5000, { message: 'description must be between 1 and 5000 characters' })
  description: string;
}

export class AnswerReportDto {
  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @IsString()
  @Length(1, 5000, { message: 'text must be between 1 and 5000 characters' })
  text: string;
}

export const DECISIONS = ['accepted', 'rejected', 'duplicate', 'needs_info'] as const;
export type Decision = (typeof DECISIONS)[number];

export class TriageDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision: Decision;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for duplicate: the earlier report' })
  @IsOptional()
  @IsUUID('all', { message: 'duplicateOf must be a UUID' })
  duplicateOf?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Shown to the reporter; required for needs_info' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class TriageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_KINDS })
  @IsOptional()
  @IsIn(REPORT_KINDS, { message: `kind must be one of ${REPORT_KINDS.join(', ')}` })
  kind?: ReportKind;

  @ApiPropertyOptional({ enum: REPORT_STATUSES, default: 'new' })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: `status must be one of ${REPORT_STATUSES.join(', ')}` })
  status?: ReportStatus;

  @ApiPropertyOptional({ enum: MODERATION_CATEGORIES })
  @IsOptional()
  @IsIn(MODERATION_CATEGORIES, { message: `category must be one of ${MODERATION_CATEGORIES.join(', ')}` })
  category?: string;
}
