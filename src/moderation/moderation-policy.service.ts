import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { MODERATION_CATEGORIES, type CategoryScores, type ModerationCategory } from '../ml/classifier/categories.js';
import type { ModerationRule } from '../ml/classifier/rules.js';
import { ModerationRuleRow, ModerationThreshold } from './moderation.entities.js';

export type Thresholds = Record<ModerationCategory, { warn: number; block: number }>;

/** Unless an admin says otherwise, block sits halfway between warn and certainty, and never below 0.95: the shipped classifier still scores some everyday text high, so it warns rather than blocks. */
export function defaultThresholds(suggested: Partial<CategoryScores> = {}): Thresholds {
  const out = {} as Thresholds;
  for (const category of MODERATION_CATEGORIES) {
    const warn = Math.min(0.95, Math.max(0.05, suggested[category] ?? 0.5));
    out[category] = { warn, block: Math.min(0.99, Math.max(0.95, warn + (1 - warn) / 2)) };
  }
  return out;
}

/** The thresholds and rules in force, stored in the database and edited by admins. */
@Injectable()
export class ModerationPolicyService {
  private cached: { thresholds: Thresholds; rules: ModerationRule[] } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(defaults: Thresholds): Promise<{ thresholds: Thresholds; rules: ModerationRule[] }> {
    if (this.cached) return this.cached;
    const rows = await this.dataSource.manager.find(ModerationThreshold);
    const thresholds = { ...defaults };
    for (const row of rows) thresholds[row.category] = { warn: row.warn, block: row.block };
    const rules = (await this.dataSource.manager.find(ModerationRuleRow)).map(({ category, term }) => ({ category, term }));
    this.cached = { thresholds, rules };
    return this.cached;
  }

  async setThresholds(changes: { category: ModerationCategory; warn: number; block: number }[], actorId: string): Promise<void> {
    for (const change of changes) {
      if (change.block < change.warn) throw new BadRequestException(`${change.category}: block (${change.block}) must not be below warn (${change.warn})`);
    }
    await this.dataSource.transaction(async (manager) => {
      for (const change of changes) {
        await manager.upsert(ModerationThreshold, { ...change, updatedBy: actorId }, ['category']);
        await this.audit.record(
          { actorId, action: 'moderation.threshold', entityType: 'moderation_threshold', entityId: change.category, data: { ...change } },
          manager,
        );
      }
    });
    this.cached = undefined;
  }

  listRules(): Promise<ModerationRuleRow[]> {
    return this.dataSource.manager.find(ModerationRuleRow, { order: { createdAt: 'ASC' } });
  }

  async addRule(category: ModerationCategory, term: string, actorId: string): Promise<ModerationRuleRow> {
    const existing = await this.dataSource.manager.findOneBy(ModerationRuleRow, { category, term });
    if (existing) return existing;
    const rule = await this.dataSource.manager.save(this.dataSource.manager.create(ModerationRuleRow, { category, term, createdBy: actorId }));
    await this.audit.record({ actorId, action: 'moderation.rule.add', entityType: 'moderation_rule', entityId: rule.id, data: { category, term } });
    this.cached = undefined;
    return rule;
  }

  async removeRule(id: string, actorId: string): Promise<boolean> {
    const { affected } = await this.dataSource.manager.delete(ModerationRuleRow, { id });
    if (affected) await this.audit.record({ actorId, action: 'moderation.rule.remove', entityType: 'moderation_rule', entityId: id });
    this.cached = undefined;
    return Boolean(affected);
  }
}
