import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ModelRegistryService } from '../../model/model-registry.service.js';
import type { ModelVersion } from '../../model/model-version.entity.js';
import { DatasetsService } from '../datasets/datasets.service.js';

/**
 * Provenance of a model version: its ancestors, the run that trained it, the dataset snapshot it learnt
 * from (the reward model's snapshot too, for PPO), the rankings and reports in it, and the contest
 * entries those reports were filed under.
 */
@Injectable()
export class LineageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ModelRegistryService,
    private readonly datasets: DatasetsService,
  ) {}

  async lineage(id: string) {
    const version = await this.registry.get(id);
    const ancestors: ModelVersion[] = [];
    for (let at = version.parentId; at && ancestors.length < 100; ) {
      const parent = await this.registry.get(at).catch(() => null);
      if (!parent) break;
      ancestors.push(parent);
      at = parent.parentId;
    }
    const datasetIds = new Set<string>();
    const collect = async (v: ModelVersion) => {
      if (typeof v.metrics.datasetId === 'string') datasetIds.add(v.metrics.datasetId);
      if (typeof v.metrics.rewardModelId === 'string') {
        const rm = await this.registry.get(v.metrics.rewardModelId).catch(() => null);
        if (rm && typeof rm.metrics.datasetId === 'string') datasetIds.add(rm.metrics.datasetId);
      }
    };
    await collect(version);
    const snapshots = [];
    for (const datasetId of datasetIds) {
      const s = await this.datasets.get(datasetId).catch(() => null);
      if (s) snapshots.push(s);
    }
    const reportIds = [...new Set(snapshots.flatMap((s) => s.reportIds))];
    // Reads the contest module's link table: which entries the reports were filed under.
    const entries: { report_id: string; entry_id: string }[] = reportIds.length
      ? await this.dataSource.query('SELECT report_id, entry_id FROM contest_entry_reports WHERE report_id = ANY($1::uuid[])', [reportIds])
      : [];
    return {
      version: { id: version.id, kind: version.kind, name: version.name, status: version.status, trainingRunId: version.trainingRunId },
      ancestors: ancestors.map((a) => ({ id: a.id, kind: a.kind, name: a.name, status: a.status, trainingRunId: a.trainingRunId })),
      datasets: snapshots.map((s) => ({ id: s.id, name: s.name, rankingIds: s.rankingIds, demonstrationIds: s.demonstrationIds, reportIds: s.reportIds })),
      reportIds,
      contestEntries: entries.map((e) => ({ reportId: e.report_id, entryId: e.entry_id })),
    };
  }
}
