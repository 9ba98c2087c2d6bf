import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { CurrentPrincipal, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { decodeOffsetCursor, offsetPage } from '../../common/pagination.js';
import { SseStream } from '../../common/sse.js';
import { RunQueryDto, StartRunDto } from './dto/run.dto.js';
import { metricView, runView } from './dto/run.view.js';
import { RunsService } from './runs.service.js';

const uuid = new ParseUUIDPipe();
const TERMINAL = ['succeeded', 'failed', 'cancelled'];
const POLL_MS = 500;

@ApiTags('runs')
@Controller('runs')
@Roles('operator', 'admin')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** 202: the run is queued; follow it at /runs/:id/events. */
  @Post()
  @HttpCode(202)
  async start(@CurrentPrincipal() principal: Principal, @Body() body: StartRunDto) {
    return runView(await this.runs.start(body.kind, body.params ?? {}, principal.userId));
  }

  @Get()
  async list(@Query() query: RunQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.runs.list(query.kind, query.limit, offset);
    return offsetPage(rows.map(runView), offset, total);
  }

  @Get(':id')
  async read(@Param('id', uuid) id: string) {
    return runView(await this.runs.get(id));
  }

  @Get(':id/metrics')
  async metrics(@Param('id', uuid) id: string) {
    await this.runs.get(id);
    return { data: (await this.runs.metrics(id)).map(metricView) };
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return runView(await this.runs.cancel(id, principal.userId));
  }

  /** Server-sent events: `run` whenever status or progress changes, `metric` per logged step, until the run ends. */
  @Get(':id/events')
  async events(@Param('id', uuid) id: string, @Res() res: Response) {
    let run = await this.runs.get(id);
    const sse = new SseStream(res);
    let lastMetric = '0';
    let lastState = '';
    while (!sse.disconnected.aborted) {
      for (const metric of await this.runs.metrics(id, lastMetric)) {
        sse.send(metricView(metric), 'metric');
        lastMetric = metric.id;
      }
      const state = `${run.status}:${run.step}:${run.totalSteps}`;
      if (state !== lastState) sse.send(runView(run), 'run');
      lastState = state;
      if (TERMINAL.includes(run.status)) break;
      await sleep(POLL_MS);
      run = await this.runs.get(id);
    }
    sse.end();
  }
}
