import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '../export-formats.js';

export class CreateSnapshotDto {
  @ApiProperty()
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;
}

export class ExportQueryDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'trl: TRL preference (conversational); hh: Anthropic HH; openai: chat fine-tuning (demonstrations)' })
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format: ExportFormat;
}
