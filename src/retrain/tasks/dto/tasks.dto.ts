import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.js';

export class CreateTasksDto {
  @ApiPropertyOptional({ minimum: 4, maximum: 9, default: 4, description: 'Candidates per task: the original plus K−1 samples' })
  @IsOptional()
  @IsInt({ message: 'k must be an integer from 4 to 9' })
  @Min(4, { message: 'k must be an integer from 4 to 9' })
  @Max(9, { message: 'k must be an integer from 4 to 9' })
  k?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 1, description: 'Rankings from different trainers each task needs' })
  @IsOptional()
  @IsInt({ message: 'requiredRankings must be an integer from 1 to 5' })
  @Min(1, { message: 'requiredRankings must be an integer from 1 to 5' })
  @Max(5, { message: 'requiredRankings must be an integer from 1 to 5' })
  requiredRankings?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 256, default: 32, description: 'Token budget of each sampled alternative' })
  @IsOptional()
  @IsInt({ message: 'maxTokens must be an integer from 1 to 256' })
  @Min(1, { message: 'maxTokens must be an integer from 1 to 256' })
  @Max(256, { message: 'maxTokens must be an integer from 1 to 256' })
  maxTokens?: number;
}

export class SampleConversationsDto extends CreateTasksDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 10, description: 'How many random model messages to turn into tasks' })
  @IsOptional()
  @IsInt({ message: 'count must be an integer from 1 to 500' })
  @Min(1, { message: 'count must be an integer from 1 to 500' })
  @Max(500, { message: 'count must be an integer from 1 to 500' })
  count?: number;
}

export class SubmitRankingDto {
  @ApiProperty({ type: [Number], description: 'One rank per candidate in the order shown: 0 is best, equal ranks are ties' })
  @IsArray({ message: 'ranks must be an array of integers' })
  @ArrayMinSize(2, { message: 'ranks must rank every candidate' })
  @ArrayMaxSize(9, { message: 'ranks must rank every candidate' })
  @IsInt({ each: true, message: 'ranks must be an array of integers from 0' })
  @Min(0, { each: true, message: 'ranks must be an array of integers from 0' })
  ranks: number[];

  @ApiPropertyOptional({ description: 'Every candidate is unacceptable (the ranks still order them)' })
  @IsOptional()
  @IsBoolean({ message: 'allUnacceptable must be a boolean' })
  allUnacceptable?: boolean;
}

export const TASK_STATUSES = ['sampling', 'open', 'complete', 'failed'] as const;

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: (typeof TASK_STATUSES)[number];
}
