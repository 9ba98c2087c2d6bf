import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../../common/pagination.js';
import type { DatasetSnapshot } from '../data/retrain.entities.js';
import { DatasetsService } from './datasets.service.js';
import { CreateSnapshotDto, ExportQueryDto } from './dto/dataset.dto.js';

const uuid = new ParseUUIDPipe();

function snapshotView(s: DatasetSnapshot) {
  return {
    id: s.id,
    name: s.name,
    rankingIds: s.rankingIds,
    demonstrationIds: s.demonstrationIds,
    reportIds: s.reportIds,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
  };
}

@ApiTags('retrain')
@Controller('retrain/datasets')
@Roles('operator', 'admin')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateSnapshotDto) {
    return snapshotView(await this.datasets.create(body.name, principal.userId));
  }

  @Get()
  async list(@Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.datasets.list(query.limit, offset);
    return offsetPage(rows.map(snapshotView), offset, total);
  }

  @Get(':id')
  async read(@Param('id', uuid) id: string) {
    return snapshotView(await this.datasets.get(id));
  }

  /** JSONL: one example per line. */
  @Get(':id/export')
  @Header('Content-Type', 'application/jsonl; charset=utf-8')
  export(@Param('id', uuid) id: string, @Query() query: ExportQueryDto) {
    return this.datasets.export(id, query.format);
  }
}
