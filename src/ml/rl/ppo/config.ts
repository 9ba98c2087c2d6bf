/** PPO hyper-parameters. Defaults from REFERENCE §3 (InstructGPT, Ziegler et al. 2019, TRL) unless noted. */
export interface PpoConfig {
  /** Discount γ. */
  gamma: number;
  /** GAE λ. */
  lambda: number;
  /** Policy ratio clip ε. */
  clipRange: number;
  /** Value clip ε_v around the rollout-time values. */
  clipRangeValue: number;
  /** Weight of the value loss in the joint loss (the value head shares the policy trunk). */
  valueCoef: number;
  /** Weight of an entropy bonus; 0 as in InstructGPT and TRL (not in REFERENCE §3). */
  entropyCoef: number;
  /** Passes over each batch of rollouts. */
  ppoEpochs: number;
  /** Sequences per gradient step (not in REFERENCE §3; TRL's mini_batch_size is of this order). */
  miniBatchSize: number;
  /** Whiten advantages over the whole batch of rollouts before the PPO epochs. */
  whitenAdvantages: boolean;
  /** Initial KL coefficient β (InstructGPT 0.02; TRL 0.05 … 0.2). */
  initKlCoef: number;
  /** Adapt β towards targetKl (Ziegler); false keeps β fixed. */
  adaptiveKl: boolean;
  /** Target of the mean per-sequence KL (nats). */
  targetKl: number;
  /** Samples over which the adaptive β can move by up to 20 % (Ziegler: 10 000); size it to the run's length. */
  klHorizon: number;
  /**
   * The adaptive β never falls below this (0: no floor; not in REFERENCE §3). In a run too short for the
   * controller's usual horizon, β would otherwise sink towards 0 while KL climbs from 0 to the target and
   * then lag far behind once KL passes it.
   */
  minKlCoef: number;
  /**
   * Early stopping (TRL's early_stopping / target_kl): a batch's PPO epochs end once a minibatch's
   * approximate KL to the rollout policy exceeds 1.5 × this (nats per token). Infinity disables.
   */
  earlyStopKl: number;
  /** Adam learning rate: TRL's 1.41e-5 for GPT-2 (not in REFERENCE §3); a tiny model may want 1e-4 … 1e-3. */
  learningRate: number;
  /** Global gradient-norm clip; Infinity disables (not in REFERENCE §3). */
  clipNorm: number;
  /** Reply budget per rollout. */
  maxNewTokens: number;
  /** Seed of sampling and minibatch shuffles; step i uses seed + i. */
  seed: number;
}

export const DEFAULT_PPO_CONFIG: Readonly<PpoConfig> = Object.freeze({
  gamma: 1,
  lambda: 0.95,
  clipRange: 0.2,
  clipRangeValue: 0.2,
  valueCoef: 0.1,
  entropyCoef: 0,
  ppoEpochs: 4,
  miniBatchSize: 8,
  whitenAdvantages: true,
  initKlCoef: 0.02,
  adaptiveKl: true,
  targetKl: 6,
  klHorizon: 10000,
  minKlCoef: 0,
  earlyStopKl: Infinity,
  learningRate: 1.41e-5,
  clipNorm: 1,
  maxNewTokens: 32,
  seed: 0,
});

export function ppoConfig(overrides: Partial<PpoConfig> = {}): PpoConfig {
  const c: PpoConfig = { ...DEFAULT_PPO_CONFIG, ...overrides };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`PpoConfig: ${what}`);
  };
  check(c.gamma >= 0 && c.gamma <= 1, `gamma must be in [0, 1], got ${c.gamma}`);
  check(c.lambda >= 0 && c.lambda <= 1, `lambda must be in [0, 1], got ${c.lambda}`);
  check(c.clipRange > 0, `clipRange must be > 0, got ${c.clipRange}`);
  check(c.clipRangeValue > 0, `clipRangeValue must be > 0, got ${c.clipRangeValue}`);
  check(c.valueCoef >= 0 && c.entropyCoef >= 0, 'valueCoef and entropyCoef must be ≥ 0');
  check(
    Number.isInteger(c.ppoEpochs) && c.ppoEpochs >= 1,
    `ppoEpochs must be a positive integer, got ${c.ppoEpochs}`,
  );
  check(
    Number.isInteger(c.miniBatchSize) && c.miniBatchSize >= 1,
    `miniBatchSize must be a positive integer, got ${c.miniBatchSize}`,
  );
  check(
    Number.isInteger(c.maxNewTokens) && c.maxNewTokens >= 1,
    `maxNewTokens must be a positive integer, got ${c.maxNewTokens}`,
  );
  check(
    c.initKlCoef >= 0 && c.targetKl > 0 && c.klHorizon > 0 && c.minKlCoef >= 0 && c.minKlCoef <= c.initKlCoef,
    'initKlCoef ≥ 0, targetKl > 0, klHorizon > 0 and 0 ≤ minKlCoef ≤ initKlCoef',
  );
  check(c.earlyStopKl > 0, `earlyStopKl must be > 0 (Infinity disables), got ${c.earlyStopKl}`);
  check(c.learningRate > 0 && c.clipNorm > 0, 'learningRate and clipNorm must be > 0');
  return c;
}
