import { checkIdempotencyKey } from '../common/idempotency-key.js';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage } from '../common/pagination.js';
import { AwardsService } from './awards.service.js';
import { Clock } from './clock.js';
import { ContestsService } from './contests.service.js';
import {
  ContestListQueryDto,
  CreateContestDto,
  SlugParamsDto,
  TransitionDto,
  UpdateContestDto,
} from './dto/contest.dto.js';
import { contestAdminView, contestView } from './dto/contest.view.js';
import { CreateEntryDto } from './dto/entry.dto.js';
import { entryView } from './dto/entry.view.js';
import { historyView, resultsView } from './dto/results.view.js';
import { EntriesService } from './entries.service.js';
import { RUBRIC_TEMPLATES } from './math/rubric.js';


/** Contests as anyone sees them, their public results, and entering one. */
@ApiTags('contests')
@Controller('contests')
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly awards: AwardsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  async list(@Query() query: ContestListQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.contests.list({
      status: query.status,
      includeDrafts: false,
      limit: query.limit,
      offset,
    });
    const now = this.clock.now();
    return offsetPage(
      rows.map((c) => contestView(c, now)),
      offset,
      total,
    );
  }

  @Get(':slug')
  @Public()
  async read(@Param() params: SlugParamsDto) {
    return contestView(await this.contests.getPublic(params.slug), this.clock.now());
  }

  @Get(':slug/results')
  @Public()
  async results(@Param() params: SlugParamsDto) {
    const { contest, rows } = await this.awards.results(params.slug);
    return resultsView(contest, rows);
  }

  /** 201 with the new entry; 200 with the first one when the same entry is sent again. */
  @Post(':slug/entries')
  @Roles('user')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key create one entry',
  })
  async enter(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SlugParamsDto,
    @Body() body: CreateEntryDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    checkIdempotencyKey(key);
    const { entry, contest, created } = await this.entries.create(principal, params.slug, body, key);
    res.status(created ? 201 : 200);
    return entryView(entry, contest);
  }
}

/** Admins: creating, editing and moving contests forward. */
@ApiTags('contests')
@Controller('admin/contests')
@Roles('admin')
export class ContestAdminController {
  constructor(
    private readonly contests: ContestsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateContestDto) {
    return contestAdminView(await this.contests.create(body, principal.userId), this.clock.now());
  }

  @Get()
  async list(@Query() query: ContestListQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.contests.list({
      status: query.status,
      includeDrafts: true,
      limit: query.limit,
      offset,
    });
    const now = this.clock.now();
    return offsetPage(
      rows.map((c) => contestAdminView(c, now)),
      offset,
      total,
    );
  }

  /** With the status history (from the audit log). */
  @Get(':slug')
  async read(@Param() params: SlugParamsDto) {
    const contest = await this.contests.get(params.slug);
    return {
      ...contestAdminView(contest, this.clock.now()),
      history: historyView(await this.contests.history(contest)),
    };
  }

  @Patch(':slug')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SlugParamsDto,
    @Body() body: UpdateContestDto,
  ) {
    return contestAdminView(
      await this.contests.update(params.slug, body, principal.userId),
      this.clock.now(),
    );
  }

  @Post(':slug/status')
  @HttpCode(200)
  async transition(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SlugParamsDto,
    @Body() body: TransitionDto,
  ) {
    return contestAdminView(
      await this.contests.transition(params.slug, body.status, principal.userId),
      this.clock.now(),
    );
  }
}

@ApiTags('contests')
@Controller('admin/rubric-templates')
@Roles('admin')
export class RubricTemplatesController {
  @Get()
  templates() {
    return RUBRIC_TEMPLATES;
  }
}
