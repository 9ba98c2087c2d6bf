/** Shape of a GPT-2-style decoder. Everything the weights' shapes depend on lives here. */
export interface GptConfig {
  vocabSize: number;
  /** Longest sequence the position embedding covers (GPT-2's n_positions). */
  contextLength: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  layerNormEpsilon: number;
}

export type GptPresetName = 'tiny' | 'default';

export const GPT_PRESETS: Record<GptPresetName, GptConfig> = {
  /** For specs: a few thousand parameters, trains in milliseconds. */
  tiny: { vocabSize: 64, contextLength: 64, dModel: 32, nLayers: 2, nHeads: 2, layerNormEpsilon: 1e-5 },
  /** The shipped model: ≈1.1 M parameters, ≈4.4 MB of fp32. */
  default: {
    vocabSize: 2048,
    contextLength: 256,
    dModel: 128,
    nLayers: 4,
    nHeads: 4,
    layerNormEpsilon: 1e-5,
  },
};

export function presetConfig(name: GptPresetName, overrides: Partial<GptConfig> = {}): GptConfig {
  return validateConfig({ ...GPT_PRESETS[name], ...overrides });
}

/** Throws on a shape the model cannot be built with; returns the config unchanged otherwise. */
export function validateConfig(cfg: GptConfig): GptConfig {
  const ints: (keyof GptConfig)[] = ['vocabSize', 'contextLength', 'dModel', 'nLayers', 'nHeads'];
  for (const key of ints) {
    const v = cfg[key];
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`GptConfig.${key} must be a positive integer, got ${v}`);
  }
  if (cfg.dModel % cfg.nHeads !== 0) {
    throw new Error(`GptConfig.dModel (${cfg.dModel}) must be divisible by nHeads (${cfg.nHeads})`);
  }
  const eps = cfg.layerNormEpsilon;
  if (!(typeof eps === 'number' && eps > 0 && eps < 1)) {
    throw new Error(`GptConfig.layerNormEpsilon must be in (0, 1), got ${eps}`);
  }
  return cfg;
}

/** Number of weights, embeddings included (the output head is tied to the token embedding). */
export function parameterCount(cfg: GptConfig): number {
  const d = cfg.dModel;
  const perLayer = 12 * d * d + 13 * d;
  return cfg.vocabSize * d + cfg.contextLength * d + cfg.nLayers * perLayer + 2 * d;
}
