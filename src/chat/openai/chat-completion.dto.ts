import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStringOrStringArray } from '../../common/validators.js';

export const OPENAI_ROLES = ['system', 'developer', 'user', 'assistant'] as const;
export const MAX_CONTENT_CHARS = 200_000;

export class ChatCompletionMessageDto {
  @ApiProperty({ enum: OPENAI_ROLES })
  @IsIn(OPENAI_ROLES, { message: `role must be one of ${OPENAI_ROLES.join(', ')}` })
  role: (typeof OPENAI_ROLES)[number];

  @ApiProperty({ maxLength: MAX_CONTENT_CHARS })
  @IsString({ message: 'content must be a string' })
  @MaxLength(MAX_CONTENT_CHARS, { message: `content must be at most ${MAX_CONTENT_CHARS} characters` })
  content: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;
}

class StreamOptionsDto {
  @IsOptional()
  @IsBoolean()
  include_usage?: boolean;
}

/** OpenAI's chat completion request. Fields OpenAI defines that this server ignores are accepted; unknown ones are refused. */
export class ChatCompletionRequestDto {
  @ApiProperty({ example: 'rlhf-portal' })
  @IsString()
  @MaxLength(200)
  model: string;

  @ApiProperty({ type: [ChatCompletionMessageDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'messages must contain at least one message' })
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ChatCompletionMessageDto)
  messages: ChatCompletionMessageDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 2 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  top_p?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  max_tokens?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4096)
  max_completion_tokens?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  n?: number;

  @ApiPropertyOptional({ description: 'A string or up to 4 strings' })
  @IsOptional()
  @IsStringOrStringArray(4, 200)
  stop?: string | string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  stream?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => StreamOptionsDto)
  stream_options?: StreamOptionsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 32 - 1)
  seed?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  user?: string;

  // Defined by OpenAI, accepted and ignored here.
  @Allow() frequency_penalty?: unknown;
  @Allow() presence_penalty?: unknown;
  @Allow() logit_bias?: unknown;
  @Allow() logprobs?: unknown;
  @Allow() top_logprobs?: unknown;
  @Allow() response_format?: unknown;
  @Allow() metadata?: unknown;
  @Allow() store?: unknown;
  @Allow() service_tier?: unknown;
  @Allow() parallel_tool_calls?: unknown;
}
