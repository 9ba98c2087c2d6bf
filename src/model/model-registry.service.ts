import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { PROJECT_ROOT } from '../common/package-info.js';
import { ModelKind, ModelVersion } from './model-version.entity.js';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
