import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_SAMPLING = { temperature: 0.8, topP: 0.95, maxTokens: 128 };

export class SamplingDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: DEFAULT_SAMPLING.temperature })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: DEFAULT_SAMPLING.topP })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  topP?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  topK?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 2048, default: DEFAULT_SAMPLING.maxTokens })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2048)
  maxTokens?: number;

  @ApiPropertyOptional({ description: 'Makes the sample reproducible' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 32 - 1)
  seed?: number;
}
