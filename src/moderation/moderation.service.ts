import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { MODERATION_CATEGORIES, type CategoryScores, type ModerationCategory } from '../ml/classifier/categories.js';
import { applyRules, withRuleMatches } from '../ml/classifier/rules.js';
import { ModelRegistryService, resolveCheckpoint } from '../model/model-registry.service.js';
import { defaultThresholds, ModerationPolicyService, type Thresholds } from './moderation-policy.service.js';
import { ModerationAction, ModerationDecision, ModerationExampleRow } from './moderation.entities.js';
import { LocalModerationProvider } from './providers/local.provider.js';
import type { ModerationProvider } from './providers/moderation-provider.js';
import { OpenAiModerationProvider } from './providers/openai.provider.js';

/** The shipped classifier, trained on the project's seed set. */
export const SHIPPED_CLASSIFIER_DIR = 'models/moderation-default';

export interface ModerationResult {
  provider: string;
  modelVersion: string;
  scores: CategoryScores;
  action: ModerationAction;
  /** At or above warn, most severe first. */
  categories: ModerationCategory[];
  matchedRules: { category: ModerationCategory; term: string }[];
  thresholds: Thresholds;
}

export function decide(scores: CategoryScores, thresholds: Thresholds): { action: ModerationAction; categories: ModerationCategory[] } {
  const flagged = MODERATION_CATEGORIES.filter((c) => scores[c] >= thresholds[c].warn);
  const blocked = flagged.some((c) => scores[c] >= thresholds[c].block);
  flagged.sort((a, b) => scores[b] - scores[a]);
  return { action: blocked ? 'block' : flagged.length ? 'warn' : 'allow', categories: flagged };
}

/** Why a text was warned or blocked, in words a person understands. */
export function noticeFor(result: Pick<ModerationResult, 'action' | 'categories'>, target: 'input' | 'output'): string | null {
  if (result.action === 'allow') return null;
  const what = result.categories.join(', ');
  if (target === 'input') {
    return result.action === 'block'
      ? `Your message was not sent to the model: the content filter flagged it as ${what}.`
      : `The content filter flagged your message as possibly ${what}.`;
  }
  return result.action === 'block'
    ? `This reply was withheld: the content filter flagged it as ${what}.`
    : `The content filter flagged this reply as possibly ${what}.`;
}

/** Held-out for about one text in ten, decided by the text's SHA-256. */
export function correctionSplit(text: string): 'train' | 'heldout' {
  return createHash('sha256').update(text).digest().readUInt32BE(0) % 10 === 0 ? 'heldout' : 'train';
}

@Injectable()
export class ModerationService implements OnModuleInit {
  private readonly logger = new Logger(ModerationService.name);
  private provider: ModerationProvider;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ModelRegistryService,
    private readonly policy: ModerationPolicyService,
  ) {}

  async onModuleInit(): Promise<void> {
    const settings = this.config.moderation;
    if (settings.provider === 'openai') {
      this.provider = new OpenAiModerationProvider(settings.baseUrl, settings.apiKey, settings.model);
    } else {
      const version = await this.registry.ensureServing('moderation', settings.classifierDir ?? SHIPPED_CLASSIFIER_DIR, Boolean(settings.classifierDir));
      this.provider = await LocalModerationProvider.load(resolveCheckpoint(version.checkpointPath), version.name);
    }
    this.logger.log({ msg: 'content filter ready', provider: this.provider.name, model: this.provider.modelVersion });
  }

  describe() {
    return { provider: this.provider.name, model: this.provider.modelVersion };
  }

  /** Swaps in a promoted classifier version (local provider only). */
  async reload(dir: string, versionName: string): Promise<void> {
    if (this.provider instanceof LocalModerationProvider) await this.provider.reload(dir, versionName);
  }

  async thresholds(): Promise<Thresholds> {
    return this.thresholdsFor(this.provider.suggestedThresholds);
  }

  /** The thresholds a classifier with these suggestions would run at: admin settings, else its own suggestions. */
  async thresholdsFor(suggested: Partial<CategoryScores> | undefined): Promise<Thresholds> {
    return (await this.policy.current(defaultThresholds(suggested))).thresholds;
  }

  async check(texts: string[]): Promise<ModerationResult[]> {
    const { thresholds, rules } = await this.policy.current(defaultThresholds(this.provider.suggestedThresholds));
    const scored = await this.provider.score(texts);
    return texts.map((text, i) => {
      const matchedRules = applyRules(text, rules).map(({ category, term }) => ({ category, term }));
      const scores = withRuleMatches(scored[i], matchedRules);
      return { provider: this.provider.name, modelVersion: this.provider.modelVersion, scores, matchedRules, thresholds, ...decide(scores, thresholds) };
    });
  }

  async checkOne(text: string): Promise<ModerationResult> {
    return (await this.check([text]))[0];
  }

  /**
   * A corrected label from an accepted filter report. About one in ten goes to the held-out split, where
   * it measures the next retrained classifier. The split follows from the text, so reports of the same
   * text all land on the same side and a held-out text is never also trained on.
   */
  async addCorrection(manager: EntityManager, reportId: string, text: string, labels: ModerationCategory[]): Promise<void> {
    const split = correctionSplit(text);
    await manager.upsert(ModerationExampleRow, { reportId, text, labels, split, source: 'report' }, { conflictPaths: ['reportId'], indexPredicate: '"report_id" IS NOT NULL' });
  }

  /** Stores a decision with the message it was about. */
  async record(manager: EntityManager, messageId: string | null, target: 'input' | 'output', result: ModerationResult): Promise<ModerationDecision> {
    return manager.save(
      manager.create(ModerationDecision, {
        messageId,
        target,
        provider: result.provider,
        modelVersion: result.modelVersion,
        scores: result.scores,
        action: result.action,
        categories: result.categories,
        matchedRules: result.matchedRules,
        thresholds: result.thresholds,
      }),
    );
  }
}
