import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Notification } from './contest.entities.js';
import { notificationNotFound } from './contest.errors.js';

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** The same key notifies once, however often the caller runs. */
  dedupeKey: string;
}

/** In-app notices: written in the caller's transaction, read and marked read by their owner. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async notify(notice: NewNotification, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ ...notice, data: (notice.data ?? {}) as object })
      .orIgnore()
      .execute();
  }

  list(
    userId: string,
    unreadOnly: boolean,
    limit: number,
    offset: number,
  ): Promise<[Notification[], number]> {
    return this.dataSource.manager.findAndCount(Notification, {
      where: { userId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  unreadCount(userId: string): Promise<number> {
    return this.dataSource.manager.countBy(Notification, { userId, readAt: IsNull() });
  }

  async markRead(userId: string, id: string): Promise<Notification> {
    const notice = await this.dataSource.manager.findOneBy(Notification, { id, userId });
    if (!notice) throw notificationNotFound();
    if (!notice.readAt) {
      notice.readAt = new Date();
      await this.dataSource.manager.update(Notification, { id }, { readAt: notice.readAt });
    }
    return notice;
  }

  async markAllRead(userId: string): Promise<number> {
    const { affected } = await this.dataSource.manager.update(
      Notification,
      { userId, readAt: IsNull() },
      { readAt: new Date() },
    );
    return affected ?? 0;
  }
}
