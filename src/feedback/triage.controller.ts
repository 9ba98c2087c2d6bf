import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage } from '../common/pagination.js';
import { TriageDecisionDto, TriageQueryDto } from './dto/feedback.dto.js';
import { triageView } from './dto/feedback.view.js';
import { ReportsService } from './reports.service.js';
import { TriageService } from './triage.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('triage')
@Controller('triage/reports')
@Roles('trainer', 'admin')
export class TriageController {
  constructor(
    private readonly triage: TriageService,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  async queue(@Query() query: TriageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.triage.queue(query, offset);
    const withSimilar = await Promise.all(rows.map(async (r) => triageView(r, await this.reports.similar(r))));
    return offsetPage(withSimilar, offset, total);
  }

  @Get(':id')
  async read(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    const report = await this.reports.visible(principal, id);
    return triageView(report, await this.reports.similar(report), await this.reports.events(id));
  }

  @Post(':id/decisions')
  @HttpCode(200)
  async decide(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: TriageDecisionDto) {
    const report = await this.triage.decide(principal, id, body);
    return triageView(report, undefined, await this.reports.events(id));
  }
}
