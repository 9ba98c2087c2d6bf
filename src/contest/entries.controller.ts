import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { UpdateEntryDto } from './dto/entry.dto.js';
import { entryView } from './dto/entry.view.js';
import { EntriesService } from './entries.service.js';

const uuid = new ParseUUIDPipe();

/** Entrants' own entries: list, read, edit and withdraw (until the window closes). */
@ApiTags('contests')
@Controller('contest-entries')
@Roles('user')
export class EntriesController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  async mine(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const { rows, total } = await this.entries.mine(principal.userId, query.limit, offset);
    return offsetPage(
      rows.map((r) => entryView(r.entry, r.contest)),
      offset,
      total,
    );
  }

  @Get(':id')
  async read(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    const { entry, contest } = await this.entries.getOwn(principal.userId, id);
    return entryView(entry, contest);
  }

  @Patch(':id')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateEntryDto,
  ) {
    const { entry, contest } = await this.entries.update(principal, id, body);
    return entryView(entry, contest);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    const { entry, contest } = await this.entries.withdraw(principal, id);
    return entryView(entry, contest);
  }
}
