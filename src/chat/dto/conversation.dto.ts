import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { SamplingDto } from './sampling.dto.js';

export const MAX_MESSAGE_CHARS = 32_000;

export class CreateConversationDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 8000, description: 'A system message the conversation starts with' })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  systemPrompt?: string;
}

export class RenameConversationDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title: string;
}

export class GenerationOptionsDto {
  @ApiPropertyOptional({ description: 'Stream the reply as server-sent events' })
  @IsOptional()
  @IsBoolean()
  stream?: boolean;

  @ApiPropertyOptional({ type: SamplingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SamplingDto)
  sampling?: SamplingDto;
}

export class PostMessageDto extends GenerationOptionsDto {
  @ApiProperty({ maxLength: MAX_MESSAGE_CHARS })
  @IsString()
  @Length(1, MAX_MESSAGE_CHARS)
  content: string;

  @ApiPropertyOptional({ description: 'Reply under this message (default: the newest message)' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string;
}
