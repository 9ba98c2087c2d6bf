import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class PromptMessageDto {
  @ApiProperty({ enum: ['system', 'user', 'assistant'] })
  @IsIn(['system', 'user', 'assistant'], { message: 'prompt[].role must be one of system, user, assistant' })
  role: 'system' | 'user' | 'assistant';

  @ApiProperty()
  @IsString({ message: 'prompt[].content must be a string' })
  @MaxLength(20_000, { message: 'prompt[].content must be at most 20000 characters' })
  content: string;
}

export class SuggestDto {
  @ApiProperty({ type: [PromptMessageDto], description: 'The conversation the ideal reply answers' })
  @IsArray({ message: 'prompt must be an array of messages' })
  @ArrayMinSize(1, { message: 'prompt must hold at least one message' })
  @ArrayMaxSize(100, { message: 'prompt must hold at most 100 messages' })
  @ValidateNested({ each: true })
  @Type(() => PromptMessageDto)
  prompt: PromptMessageDto[];
}

export class CreateDemonstrationDto extends SuggestDto {
  @ApiProperty({ description: 'The ideal assistant reply' })
  @IsString({ message: 'content must be a string' })
  @MinLength(1, { message: 'content must not be empty' })
  @MaxLength(20_000, { message: 'content must be at most 20000 characters' })
  content: string;

  @ApiPropertyOptional({ description: 'The model-written suggestion the reply started from' })
  @IsOptional()
  @IsString({ message: 'suggestion must be a string' })
  @MaxLength(20_000, { message: 'suggestion must be at most 20000 characters' })
  suggestion?: string;
}
