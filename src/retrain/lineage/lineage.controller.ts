import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/decorators.js';
import { LineageService } from './lineage.service.js';

/** Lives with the retraining loop (it reads snapshots) but is served under /models, beside the registry. */
@ApiTags('models')
@Controller('models')
@Roles('operator', 'admin')
export class LineageController {
  constructor(private readonly lineage: LineageService) {}

  @Get(':id/lineage')
  read(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.lineage.lineage(id);
  }
}
