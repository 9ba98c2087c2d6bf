import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { AggregationService } from './aggregation.service.js';
import { AwardsService } from './awards.service.js';
import { Clock } from './clock.js';
import { ContestsService } from './contests.service.js';
import { SlugParamsDto } from './dto/contest.dto.js';
import { contestAdminView } from './dto/contest.view.js';
import { EntryParamsDto, ScreenEntryDto } from './dto/entry.dto.js';
import { entryAdminView } from './dto/entry.view.js';
import { AssignJudgeDto, JudgeParamsDto } from './dto/judging.dto.js';
import { resultsView, standingsView } from './dto/results.view.js';
import { EntriesService } from './entries.service.js';
import { JudgingService } from './judging.service.js';

/** Admins: screening entries, the judges' panel, assignment, standings and finalising. */
@ApiTags('contests')
@Controller('admin/contests/:slug')
@Roles('admin')
export class JudgingAdminController {
  constructor(
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly judging: JudgingService,
    private readonly aggregation: AggregationService,
    private readonly awards: AwardsService,
    private readonly clock: Clock,
  ) {}

  @Get('entries')
  async entryList(@Param() params: SlugParamsDto, @Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const { contest, rows, total } = await this.entries.listForAdmin(params.slug, query.limit, offset);
    return offsetPage(
      rows.map((r) => entryAdminView(r.entry, contest, r.entrant, r.judging)),
      offset,
      total,
    );
  }

  @Post('entries/:entryId/screening')
  @HttpCode(200)
  async screen(
    @CurrentPrincipal() principal: Principal,
    @Param() params: EntryParamsDto,
    @Body() body: ScreenEntryDto,
  ) {
    const { entry, contest } = await this.entries.screen(
      params.slug,
      params.entryId,
      body.decision,
      body.reason,
      principal.userId,
    );
    const entrants = await this.entries.entrants([entry.entrantId]);
    const judging = await this.entries.judgingProgress([entry.id]);
    return entryAdminView(entry, contest, entrants.get(entry.entrantId), judging.get(entry.id)!);
  }

  @Get('judges')
  async panel(@Param() params: SlugParamsDto) {
    return { data: await this.judging.panel(params.slug) };
  }

  @Put('judges/:userId')
  async addJudge(@CurrentPrincipal() principal: Principal, @Param() params: JudgeParamsDto) {
    await this.judging.addJudge(params.slug, params.userId, principal.userId);
    return { data: await this.judging.panel(params.slug) };
  }

  @Delete('judges/:userId')
  async removeJudge(@CurrentPrincipal() principal: Principal, @Param() params: JudgeParamsDto) {
    await this.judging.removeJudge(params.slug, params.userId, principal.userId);
    return { data: await this.judging.panel(params.slug) };
  }

  /** Assigns every eligible entry to judges_per_entry judges (tops up; all or nothing). */
  @Post('assignments')
  @HttpCode(200)
  async assignAll(@CurrentPrincipal() principal: Principal, @Param() params: SlugParamsDto) {
    return this.judging.assignAll(params.slug, principal.userId);
  }

  /** One more judge for an entry, e.g. an extra judge for a flagged entry. */
  @Post('entries/:entryId/assignments')
  async assignOne(
    @CurrentPrincipal() principal: Principal,
    @Param() params: EntryParamsDto,
    @Body() body: AssignJudgeDto,
  ) {
    const a = await this.judging.assignOne(params.slug, params.entryId, body.judgeId, principal.userId);
    return {
      id: a.id,
      entryId: a.entryId,
      judgeId: a.judgeId,
      status: a.status,
      extra: a.extra,
      assignedAt: a.createdAt.toISOString(),
    };
  }

  @Get('standings')
  async standings(@Param() params: SlugParamsDto) {
    const contest = await this.contests.get(params.slug);
    const standings = await this.aggregation.standings(contest);
    const entrants = await this.entries.entrants(standings.ranked.map((r) => r.entry.entrantId));
    return standingsView(standings, entrants);
  }

  /** Idempotent: the first call pays the awards; later (or concurrent) calls return the same result. */
  @Post('finalise')
  @HttpCode(200)
  async finalise(@CurrentPrincipal() principal: Principal, @Param() params: SlugParamsDto) {
    const { contest, alreadyFinalised } = await this.awards.finalise(params.slug, principal.userId);
    const { rows } = await this.awards.results(params.slug);
    return {
      alreadyFinalised,
      contest: contestAdminView(contest, this.clock.now()),
      results: resultsView(contest, rows).results.map((r, i) => ({ ...r, entryId: rows[i].entry.id })),
    };
  }
}
