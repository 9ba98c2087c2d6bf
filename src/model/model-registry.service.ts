import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { PROJECT_ROOT } from '../common/package-info.js';
import { ModelKind, ModelVersion } from './model-version.entity.js';
import { announceServingChange } from './serving-changes.js';

/** The policy that ships with the project, trained by `npm run model:sft`. */
export const SHIPPED_POLICY_DIR = 'models/policy-default';

export function resolveCheckpoint(path: string): string {
  return isAbsolute(path) ? path : join(PROJECT_ROOT, path);
}

function readCheckpointMetrics(dir: string): Record<string, unknown> {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8')) as { extra?: { metrics?: Record<string, unknown> } };
  return json.extra?.metrics ?? {};
}

@Injectable()
export class ModelRegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<ModelVersion> {
    const version = await this.dataSource.manager.findOneBy(ModelVersion, { id });
    if (!version) throw new NotFoundException('Model version not found');
    return version;
  }

  /** A newly trained version, not yet serving. */
  registerCandidate(input: {
    kind: ModelKind;
    name: string;
    checkpointPath: string;
    parentId: string | null;
    metrics: Record<string, unknown>;
    trainingRunId: string | null;
  }): Promise<ModelVersion> {
    return this.dataSource.manager.save(this.dataSource.manager.create(ModelVersion, { ...input, status: 'candidate', promotedAt: null }));
  }

  /** Makes `id` the serving version of its kind in one transaction; the previous one is retired. */
  async promote(id: string, actorId: string | null, reason: string): Promise<ModelVersion> {
    return this.dataSource.transaction(async (manager) => {
      const target = await manager.findOne(ModelVersion, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!target) throw new NotFoundException('Model version not found');
      if (target.status === 'serving') throw new ConflictException('This version is already serving');
      const current = await manager.findOne(ModelVersion, { where: { kind: target.kind, status: 'serving' }, lock: { mode: 'pessimistic_write' } });
      if (current) await manager.update(ModelVersion, { id: current.id }, { status: 'retired' });
      await manager.update(ModelVersion, { id }, { status: 'serving', promotedAt: new Date() });
      await this.audit.record(
        { actorId, action: 'model.promote', entityType: 'model_version', entityId: id, data: { kind: target.kind, previous: current?.id ?? null, reason } },
        manager,
      );
      await announceServingChange(manager, target);
      return manager.findOneByOrFail(ModelVersion, { id });
    });
  }

  /**
   * Serves again the version of `kind` that was serving most recently before the current one, in one
   * transaction; the current one is retired. Audited as `model.rollback`.
   */
  async rollback(kind: ModelKind, actorId: string | null, reason: string): Promise<ModelVersion> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(ModelVersion, { where: { kind, status: 'serving' }, lock: { mode: 'pessimistic_write' } });
      const previous = await manager
        .createQueryBuilder(ModelVersion, 'v')
        .setLock('pessimistic_write')
        .where('v.kind = :kind AND v.status = :retired AND v.promoted_at IS NOT NULL', { kind, retired: 'retired' })
        .orderBy('v.promoted_at', 'DESC')
        .getOne();
      if (!previous) throw new ConflictException(`No earlier ${kind} version to roll back to`);
      if (current) await manager.update(ModelVersion, { id: current.id }, { status: 'retired' });
      await manager.update(ModelVersion, { id: previous.id }, { status: 'serving', promotedAt: new Date() });
      await this.audit.record(
        { actorId, action: 'model.rollback', entityType: 'model_version', entityId: previous.id, data: { kind, from: current?.id ?? null, reason } },
        manager,
      );
      await announceServingChange(manager, previous);
      return manager.findOneByOrFail(ModelVersion, { id: previous.id });
    });
  }

  /** Marks a candidate the gate turned down. */
  async reject(id: string, reason: string): Promise<void> {
    await this.dataSource.manager.update(ModelVersion, { id, status: 'candidate' }, { status: 'rejected' });
    await this.audit.record({ actorId: null, action: 'model.reject', entityType: 'model_version', entityId: id, data: { reason } });
  }

  list(kind?: ModelKind): Promise<ModelVersion[]> {
    return this.dataSource.manager.find(ModelVersion, { where: kind ? { kind } : {}, order: { createdAt: 'DESC' } });
  }

  serving(kind: ModelKind): Promise<ModelVersion | null> {
    return this.dataSource.manager.findOneBy(ModelVersion, { kind, status: 'serving' });
  }

  async servingOrThrow(kind: ModelKind): Promise<ModelVersion> {
    const version = await this.serving(kind);
    if (!version) throw new NotFoundException(`No ${kind} model is serving`);
    return version;
  }

  /**
   * The policy to serve: a forced checkpoint folder (registered on first use), else the serving
   * version, else the shipped default, registered as serving on first start.
   */
  async ensureServingPolicy(forcedCheckpoint?: string): Promise<ModelVersion> {
    return this.ensureServing('policy', forcedCheckpoint ?? SHIPPED_POLICY_DIR, Boolean(forcedCheckpoint));
  }

  /**
   * The version of `kind` to serve: `forced` folders are registered on first use and served as they are;
   * otherwise the serving version, or `shippedDir` registered as serving on first start.
   */
  async ensureServing(kind: ModelKind, dir: string, forced: boolean): Promise<ModelVersion> {
    if (forced) return this.registerCheckpoint(dir, kind);
    const current = await this.serving(kind);
    if (current) return current;
    return this.registerCheckpoint(dir, kind, true);
  }

  private async registerCheckpoint(path: string, kind: ModelKind, serve = false): Promise<ModelVersion> {
    const inProject = !relative(PROJECT_ROOT, resolve(PROJECT_ROOT, path)).startsWith('..');
    const checkpointPath = inProject ? relative(PROJECT_ROOT, resolve(PROJECT_ROOT, path)) : resolve(path);
    const existing = await this.dataSource.manager.findOneBy(ModelVersion, { kind, checkpointPath });
    if (existing) return existing;
    return this.dataSource.manager.save(
      this.dataSource.manager.create(ModelVersion, {
        kind,
        name: basename(checkpointPath),
        parentId: null,
        checkpointPath,
        status: serve ? 'serving' : 'candidate',
        metrics: readCheckpointMetrics(resolveCheckpoint(checkpointPath)),
        trainingRunId: null,
        promotedAt: serve ? new Date() : null,
      }),
    );
  }
}
