import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ComparisonTask, DatasetSnapshot, Demonstration, TaskRanking } from '../data/retrain.entities.js';
import { anthropicHh, type DemonstrationExample, type ExportFormat, openaiChat, type RankedExample, toJsonl, trlPreference } from './export-formats.js';

export interface SnapshotData {
  snapshot: DatasetSnapshot;
  rankings: (RankedExample & { rankingId: string; taskId: string; reportId: string | null })[];
  demonstrations: DemonstrationExample[];
}

/** Immutable dataset snapshots (row ids frozen) and their exports. */
@Injectable()
export class DatasetsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Freezes every ranking of a completed task and every demonstration existing now. */
  async create(name: string, createdBy: string | null): Promise<DatasetSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const rankings: { id: string; report_id: string | null }[] = await manager.query(
        `SELECT r.id, t.report_id FROM task_rankings r JOIN comparison_tasks t ON t.id = r.task_id
          WHERE t.status = 'complete' ORDER BY r.created_at`,
      );
      const demonstrations = await manager.find(Demonstration, { select: { id: true }, order: { createdAt: 'ASC' } });
      return manager.save(
        manager.create(DatasetSnapshot, {
          name,
          rankingIds: rankings.map((r) => r.id),
          demonstrationIds: demonstrations.map((d) => d.id),
          reportIds: [...new Set(rankings.flatMap((r) => (r.report_id ? [r.report_id] : [])))],
          createdBy,
        }),
      );
    });
  }

  async get(id: string): Promise<DatasetSnapshot> {
    const snapshot = await this.dataSource.manager.findOneBy(DatasetSnapshot, { id });
    if (!snapshot) throw new NotFoundException('Dataset snapshot not found');
    return snapshot;
  }

  latest(): Promise<DatasetSnapshot | null> {
    return this.dataSource.manager.findOne(DatasetSnapshot, { where: {}, order: { createdAt: 'DESC' } });
  }

  list(limit: number, offset: number): Promise<[DatasetSnapshot[], number]> {
    return this.dataSource.manager.findAndCount(DatasetSnapshot, { order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }

  /** The frozen rows of a snapshot, in the order they were frozen. */
  async data(id: string): Promise<SnapshotData> {
    const snapshot = await this.get(id);
    const manager = this.dataSource.manager;
    const rankingRows = snapshot.rankingIds.length ? await manager.findBy(TaskRanking, { id: In(snapshot.rankingIds) }) : [];
    const taskIds = [...new Set(rankingRows.map((r) => r.taskId))];
    const tasks = new Map((taskIds.length ? await manager.findBy(ComparisonTask, { id: In(taskIds) }) : []).map((t) => [t.id, t]));
    const byId = new Map(rankingRows.map((r) => [r.id, r]));
    const rankings = snapshot.rankingIds.flatMap((rid) => {
      const r = byId.get(rid);
      const task = r && tasks.get(r.taskId);
      if (!r || !task) return [];
      return [{ rankingId: r.id, taskId: task.id, reportId: task.reportId, prompt: task.prompt, candidates: task.candidates.map((c) => c.text), ranks: r.ranks }];
    });
    const demoRows = snapshot.demonstrationIds.length ? await manager.findBy(Demonstration, { id: In(snapshot.demonstrationIds) }) : [];
    const demos = new Map(demoRows.map((d) => [d.id, d]));
    const demonstrations = snapshot.demonstrationIds.flatMap((did) => {
      const d = demos.get(did);
      return d ? [{ prompt: d.prompt, content: d.content }] : [];
    });
    return { snapshot, rankings, demonstrations };
  }

  async export(id: string, format: ExportFormat): Promise<string> {
    const { rankings, demonstrations } = await this.data(id);
    switch (format) {
      case 'trl':
        return toJsonl(trlPreference(rankings));
      case 'hh':
        return toJsonl(anthropicHh(rankings));
      case 'openai':
        return toJsonl(openaiChat(demonstrations));
    }
  }
}
