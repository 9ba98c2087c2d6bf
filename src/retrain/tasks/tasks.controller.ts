import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import { decodeOffsetCursor, offsetPage } from '../../common/pagination.js';
import { CreateTasksDto, SampleConversationsDto, SubmitRankingDto, TaskQueryDto } from './dto/tasks.dto.js';
import { rankingView, taskAdminView, taskView } from './task.view.js';
import { TasksService } from './tasks.service.js';

@ApiTags('retrain')
@Controller('retrain/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** 202: tasks are created now; their alternatives are sampled by a background job. */
  @Post('from-reports')
  @HttpCode(202)
  @Roles('operator', 'admin')
  async fromReports(@Body() body: CreateTasksDto) {
    return { data: (await this.tasks.fromReports(body)).map(taskAdminView) };
  }

  @Post('from-conversations')
  @HttpCode(202)
  @Roles('operator', 'admin')
  async fromConversations(@Body() body: SampleConversationsDto) {
    return { data: (await this.tasks.fromConversations(body)).map(taskAdminView) };
  }

  @Get()
  @Roles('operator', 'admin')
  async list(@Query() query: TaskQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.tasks.list(query.status, query.limit, offset);
    return offsetPage(rows.map(taskAdminView), offset, total);
  }

  /** The next task for this trainer, or `{ task: null }` when none is waiting. */
  @Get('next')
  @Roles('trainer')
  async next(@CurrentPrincipal() principal: Principal) {
    const task = await this.tasks.next(principal.userId);
    return { task: task ? taskView(task) : null };
  }

  @Post(':id/rankings')
  @Roles('trainer')
  async rank(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SubmitRankingDto) {
    return rankingView(await this.tasks.rank(principal.userId, id, body));
  }
}
