// No imports: the browser tests run this file in Node as it is.

export const RUN_KINDS = ['moderation', 'reward', 'sft', 'ppo'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** A number setting of a run kind, as the server's executors define it (defaults and bounds). */
export interface NumberSetting {
  key: string;
  label: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  /** Shown when the default depends on another setting. */
  placeholder?: string;
}

/** A setting chosen from a list; left on its first option ('') the server's default applies. */
export interface ChoiceSetting {
  key: string;
  label: string;
  options: { value: string; label: string }[];
}

const int = (key: string, label: string, def: number, min: number, max: number): NumberSetting => ({
  key,
  label,
  default: def,
  min,
  max,
  integer: true,
});
const num = (key: string, label: string, def: number, min: number, max: number): NumberSetting => ({
  key,
  label,
  default: def,
  min,
  max,
  integer: false,
});

const SEED_MAX = 2 ** 31 - 1;

export const KIND_LABELS: Record<RunKind, string> = {
  moderation: 'Content filter (moderation)',
  reward: 'Reward model',
  sft: 'Supervised fine-tuning (SFT)',
  ppo: 'Policy optimisation (PPO)',
};

export const KIND_DESCRIPTIONS: Record<RunKind, string> = {
  moderation: 'Retrains the local classifier on the seed set plus corrections from accepted filter reports.',
  reward: "Trains a reward model on a dataset snapshot's rankings; reports held-out pair accuracy.",
  sft: "Fine-tunes the serving policy on a snapshot's demonstrations into a candidate policy.",
  ppo: 'Optimises the serving policy against a reward model with a KL penalty, then gates it.',
};

/** Kinds that learn from a dataset snapshot (the latest one unless one is chosen). */
export const USES_DATASET: readonly RunKind[] = ['reward', 'sft', 'ppo'];

export const SETTINGS: Record<RunKind, NumberSetting[]> = {
  moderation: [
    { ...int('epochs', 'Epochs', 1, 1, 100), placeholder: '1 (8 from scratch)' },
    int('correctionWeight', 'Correction weight', 20, 1, 1000),
    int('seed', 'Seed', 1, 0, SEED_MAX),
  ],
  reward: [
    int('epochs', 'Epochs', 1, 1, 50),
    int('batchSize', 'Batch size', 8, 1, 128),
    num('learningRate', 'Learning rate', 1e-4, 1e-8, 1),
    int('heldoutEvery', 'Hold out every n-th', 5, 2, 1000),
    int('seed', 'Seed', 0, 0, SEED_MAX),
  ],
  sft: [
    int('epochs', 'Epochs', 3, 1, 100),
    int('batchSize', 'Batch size', 8, 1, 256),
    num('learningRate', 'Learning rate', 1e-4, 1e-9, 1),
    int('heldoutEvery', 'Hold out every n-th', 5, 2, 1000),
    int('checkpointEvery', 'Checkpoint every', 100, 1, 1_000_000),
    int('seed', 'Seed', 0, 0, SEED_MAX),
  ],
  ppo: [
    int('steps', 'Steps', 20, 1, 100_000),
    int('batchSize', 'Batch size', 8, 1, 512),
    int('miniBatchSize', 'Mini-batch size', 8, 1, 512),
    int('ppoEpochs', 'PPO epochs', 4, 1, 50),
    int('maxNewTokens', 'Max new tokens', 32, 1, 1024),
    num('learningRate', 'Learning rate', 1.41e-5, 1e-9, 1),
    num('initKlCoef', 'Initial KL coefficient', 0.02, 0, 10),
    num('targetKl', 'Target KL', 6, 0.001, 1000),
    int('heldoutEvery', 'Hold out every n-th', 4, 2, 1000),
    num('minWinRate', 'Minimum win rate', 0.5, 0, 1),
    int('checkpointEvery', 'Checkpoint every', 10, 1, 100_000),
    int('seed', 'Seed', 0, 0, SEED_MAX),
  ],
};

export const CHOICES: Record<RunKind, ChoiceSetting[]> = {
  moderation: [
    {
      key: 'from',
      label: 'Start from',
      options: [
        { value: '', label: 'The serving filter (fine-tune)' },
        { value: 'scratch', label: 'Random weights (from scratch)' },
      ],
    },
  ],
  reward: [],
  sft: [],
  ppo: [],
};

/** The value typed for a setting: undefined when left empty (the server's default), else a number or an error. */
export function parseSetting(setting: NumberSetting, text: string): { value?: number; error?: string } {
  if (text.trim() === '') return {};
  const value = Number(text);
  const range = `from ${setting.min} to ${setting.max}`;
  if (!Number.isFinite(value) || (setting.integer && !Number.isInteger(value))) {
    return { error: `Enter ${setting.integer ? 'a whole number' : 'a number'} ${range}.` };
  }
  if (value < setting.min || value > setting.max) return { error: `Enter a value ${range}.` };
  return { value };
}

/** A run parameter's name as people read it: its form label when the kind has one, else the key in words. */
export function settingLabel(kind: string, key: string): string {
  const known = [...(SETTINGS[kind as RunKind] ?? []), ...(CHOICES[kind as RunKind] ?? [])].find(
    (s) => s.key === key,
  );
  if (known) return known.label;
  if (key === 'datasetId') return 'Dataset';
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
