import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { checkIdempotencyKey } from '../common/idempotency-key.js';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { AnswerReportDto, CreateReportDto, RateMessageDto } from './dto/feedback.dto.js';
import { ratingView, reportView } from './dto/feedback.view.js';
import { RatingsService } from './ratings.service.js';
import type { ReportContext } from './report-context.js';
import { ReportsService } from './reports.service.js';

const uuid = new ParseUUIDPipe();

/**
 * POST /reports after authentication and validation: here, and on the fast route (report-submission.route.ts),
 * which may have started loading the message's context already.
 */
export async function submitReport(
  reports: ReportsService,
  principal: Principal,
  body: CreateReportDto,
  key: string | undefined,
  context?: Promise<ReportContext | null>,
) {
  checkIdempotencyKey(key);
  const { report, created } = await reports.submit(principal, body, key, context);
  return { status: created ? 201 : 200, body: reportView(report) };
}

@ApiTags('feedback')
@Controller()
@Roles('user')
export class FeedbackController {
  constructor(
    private readonly ratings: RatingsService,
    private readonly reports: ReportsService,
  ) {}

  @Put('messages/:id/rating')
  async rate(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: RateMessageDto) {
    return ratingView(await this.ratings.rate(principal.userId, id, body));
  }

  @Get('messages/:id/rating')
  async rating(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    const rating = await this.ratings.mine(principal.userId, id);
    return rating ? ratingView(rating) : null;
  }

  @Get('conversations/:id/ratings')
  async ratingsInConversation(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return { data: (await this.ratings.mineInConversation(principal.userId, id)).map(ratingView) };
  }

  /**
   * 201 with a new report; 200 with the first one when an Idempotency-Key is retried. Plain JSON
   * submissions are answered ahead of Express by the same steps (report-submission.route.ts).
   */
  @Post('reports')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key create one report' })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateReportDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const answer = await submitReport(this.reports, principal, body, key);
    res.status(answer.status);
    return answer.body;
  }

  @Get('reports')
  async mine(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.reports.mine(principal.userId, query.limit, offset);
    return offsetPage(rows.map((r) => reportView(r)), offset, total);
  }

  @Get('reports/:id')
  async read(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    const report = await this.reports.visible(principal, id);
    return reportView(report, await this.reports.events(report.id));
  }

  @Post('reports/:id/answers')
  @HttpCode(200)
  async answer(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() body: AnswerReportDto) {
    const report = await this.reports.answer(principal, id, body);
    return reportView(report, await this.reports.events(report.id));
  }
}
