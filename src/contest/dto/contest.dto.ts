import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination.js';
import { CONTEST_STATUSES, type ContestStatus } from '../contest.entities.js';
import { AWARD_POLICIES, type AwardPolicy } from '../math/awards.js';
import { RUBRIC_TEMPLATES, type RubricTemplate } from '../math/rubric.js';

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const TEMPLATES = Object.keys(RUBRIC_TEMPLATES) as RubricTemplate[];
const upperCase = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)) : value;

export class SlugParamsDto {
  @ApiProperty({ example: 'feedback-2026' })
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and hyphens (1 to 64)' })
  slug: string;
}

/** A new contest (a draft). Optional fields take the defaults shown. */
export class CreateContestDto {
  @ApiProperty({ example: 'feedback-2026' })
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and hyphens (1 to 64)' })
  slug: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200, { message: 'title must be between 1 and 200 characters' })
  title: string;

  @ApiProperty({ description: 'Markdown; a change raises rulesVersion', maxLength: 50_000 })
  @IsString()
  @Length(1, 50_000, { message: 'rules must be between 1 and 50000 characters' })
  rules: string;

  @ApiProperty({ format: 'date-time', description: 'UTC; entries are accepted from opensAt until closesAt' })
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'closesAt must be an ISO 8601 date-time' })
  closesAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'judgingDeadline must be an ISO 8601 date-time' })
  judgingDeadline: string;

  @ApiProperty({ description: 'Whole credits (1 credit = $1 of API usage)', minimum: 0 })
  @IsInt({ message: 'prizePool must be a whole number of credits' })
  @Min(0)
  @Max(100_000_000)
  prizePool: number;

  @ApiProperty({ minimum: 0, maximum: 10_000 })
  @IsInt({ message: 'winners must be a whole number' })
  @Min(0)
  @Max(10_000)
  winners: number;

  @ApiPropertyOptional({ default: 18, minimum: 13, maximum: 120 })
  @IsOptional()
  @IsInt({ message: 'minAge must be a whole number' })
  @Min(13)
  @Max(120)
  minAge?: number;

  @ApiPropertyOptional({ type: [String], example: ['XX'], description: 'ISO 3166-1 alpha-2 codes' })
  @IsOptional()
  @Transform(upperCase)
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(250)
  @Matches(/^[A-Z]{2}$/, {
    each: true,
    message: 'each value in excludedCountries must be a two-letter country code',
  })
  excludedCountries?: string[];

  @ApiPropertyOptional({ default: 500, description: 'Largest award one entry can get, whole credits' })
  @IsOptional()
  @IsInt({ message: 'maxAward must be a whole number of credits' })
  @Min(0)
  @Max(100_000_000)
  maxAward?: number;

  @ApiPropertyOptional({ enum: AWARD_POLICIES, default: 'equal' })
  @IsOptional()
  @IsIn(AWARD_POLICIES, { message: `awardPolicy must be one of ${AWARD_POLICIES.join(', ')}` })
  awardPolicy?: AwardPolicy;

  @ApiPropertyOptional({ default: 3, minimum: 2, maximum: 20 })
  @IsOptional()
  @IsInt({ message: 'judgesPerEntry must be a whole number' })
  @Min(2, { message: 'judgesPerEntry must be at least 2' })
  @Max(20)
  judgesPerEntry?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'blind must be true or false' })
  blind?: boolean;

  @ApiPropertyOptional({
    default: 1.5,
    description: 'Flag entries whose judges’ normalised scores span more standard deviations than this',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'disagreementThreshold must be a number' })
  @Min(0.1)
  @Max(10)
  disagreementThreshold?: number;

  @ApiPropertyOptional({ description: 'A rubric (weighted or bias_bounty), validated field by field' })
  @IsOptional()
  @IsObject({ message: 'rubric must be an object' })
  rubric?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: TEMPLATES,
    description: 'Use a built-in rubric instead of writing one (default seed_feedback)',
  })
  @IsOptional()
  @IsIn(TEMPLATES, { message: `rubricTemplate must be one of ${TEMPLATES.join(', ')}` })
  rubricTemplate?: RubricTemplate;
}

/** Any field but the slug, while the contest is a draft or open. */
export class UpdateContestDto extends PartialType(OmitType(CreateContestDto, ['slug'] as const)) {}

const MOVES = CONTEST_STATUSES.filter((s) => s !== 'draft' && s !== 'finalised');

export class TransitionDto {
  @ApiProperty({ enum: MOVES, description: 'finalise with POST /admin/contests/:slug/finalise' })
  @IsIn(MOVES, {
    message: `status must be one of ${MOVES.join(', ')} (finalise with POST /admin/contests/:slug/finalise)`,
  })
  status: Exclude<ContestStatus, 'draft' | 'finalised'>;
}

export class ContestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONTEST_STATUSES })
  @IsOptional()
  @IsIn(CONTEST_STATUSES, { message: `status must be one of ${CONTEST_STATUSES.join(', ')}` })
  status?: ContestStatus;
}
