import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { decodeOffsetCursor, offsetPage, PageQueryDto } from '../common/pagination.js';
import { notificationView } from './dto/results.view.js';
import { NotificationsService } from './notifications.service.js';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notices' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

/** The caller's in-app notices (e.g. contest awards). */
@ApiTags('notifications')
@Controller('notifications')
@Roles('user')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: NotificationQueryDto) {
    const offset = decodeOffsetCursor(query.cursor);
    const [rows, total] = await this.notifications.list(
      principal.userId,
      query.unread ?? false,
      query.limit,
      offset,
    );
    return {
      ...offsetPage(rows.map(notificationView), offset, total),
      unread: await this.notifications.unreadCount(principal.userId),
    };
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return notificationView(await this.notifications.markRead(principal.userId, id));
  }

  @Post('read-all')
  @HttpCode(200)
  async readAll(@CurrentPrincipal() principal: Principal) {
    return { marked: await this.notifications.markAllRead(principal.userId) };
  }
}
