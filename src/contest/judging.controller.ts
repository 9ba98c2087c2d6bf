import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage } from '../common/pagination.js';
import { SlugParamsDto } from './dto/contest.dto.js';
import { AssignmentQueryDto, ConflictDto, RecuseDto, ScoreDto } from './dto/judging.dto.js';
import { assignmentSummaryView, assignmentView, judgeContestView } from './dto/judging.view.js';
import { JudgingService } from './judging.service.js';

const uuid = new ParseUUIDPipe();

/**
 * Judges: their contests, conflicts, assignments and scores. Everything here is blind: no response names or
 * points at an entrant (see dto/judging.view.ts).
 */
@ApiTags('judging')
@Controller('judging')
@Roles('judge')
export class JudgingController {
  constructor(private readonly judging: JudgingService) {}

  @Get('contests')
  async contests(@CurrentPrincipal() principal: Principal) {
    return { data: (await this.judging.myContests(principal)).map(judgeContestView) };
  }

  @Get('contests/:slug/conflicts')
  async conflicts(@CurrentPrincipal() principal: Principal, @Param() params: SlugParamsDto) {
    const rows = await this.judging.conflicts(principal, params.slug);
    return {
      data: rows.map((c) => ({
        id: c.id,
        email: c.email,
        reason: c.reason,
        createdAt: c.createdAt.toISOString(),
      })),
    };
  }

  /** Declares a conflict of interest: you are never assigned that person's entries. */
  @Post('contests/:slug/conflicts')
  async declareConflict(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SlugParamsDto,
    @Body() body: ConflictDto,
  ) {
    const c = await this.judging.declareConflict(principal, params.slug, body.email, body.reason);
    return { id: c.id, email: c.email, reason: c.reason, createdAt: c.createdAt.toISOString() };
  }

  @Get('assignments')
  async assignments(@CurrentPrincipal() principal: Principal, @Query() query: AssignmentQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const { rows, total } = await this.judging.myAssignments(principal, {
      contest: query.contest,
      status: query.status,
      limit: query.limit,
      offset,
    });
    return offsetPage(
      rows.map((r) => assignmentSummaryView(r.assignment, r.contest, r.score)),
      offset,
      total,
    );
  }

  /** The entry to judge: reports and write-up, your score, and the other judges' scores once you have submitted. */
  @Get('assignments/:id')
  async assignment(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return assignmentView(await this.judging.detail(principal, id));
  }

  /** Submit or revise your score (until the contest is finalised); the server computes the total. */
  @Put('assignments/:id/score')
  async score(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ScoreDto,
  ) {
    return assignmentView(await this.judging.score(principal, id, body.values, body.comment));
  }

  @Post('assignments/:id/recuse')
  @HttpCode(200)
  async recuse(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: RecuseDto,
  ) {
    return this.judging.recuse(principal, id, body.reason);
  }
}
