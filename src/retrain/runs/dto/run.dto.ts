import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination.js';
import { RUN_KINDS, type RunKind } from '../training-run.entity.js';

const kindMessage = `kind must be one of ${RUN_KINDS.join(', ')}`;

export class StartRunDto {
  @ApiProperty({ enum: RUN_KINDS })
  @IsIn(RUN_KINDS, { message: kindMessage })
  kind: RunKind;

  @ApiPropertyOptional({ description: 'Settings of the run; each kind documents its own and fills in defaults' })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}

export class RunQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RUN_KINDS })
  @IsOptional()
  @IsIn(RUN_KINDS, { message: kindMessage })
  kind?: RunKind;
}
