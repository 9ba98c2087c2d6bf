/**
 * A checkpoint is a directory: `model.safetensors` (F32 weights under our parameter names, see gpt.ts),
 * `config.json` ({ format, config, extra }) and, written by the tokenizer module, `tokenizer.json`.
 * A directory holding a Hugging Face GPT-2 checkpoint instead loads through hf-gpt2.ts.
 */
import { readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GptConfig, validateConfig } from '../model/config.js';
import { GptParams, paramsFromArrays, paramShapes } from '../model/gpt.js';
import { F32Tensor, readSafetensors, writeFileAtomic, writeSafetensors } from './safetensors.js';
import { importHfGpt2, isHfGpt2Config } from './hf-gpt2.js';

export const CHECKPOINT_FORMAT = 'rlhf-portal/gpt@1';
export const WEIGHTS_FILE = 'model.safetensors';
export const CONFIG_FILE = 'config.json';

export interface LoadedCheckpoint {
  cfg: GptConfig;
  params: GptParams;
  /** Whatever the writer passed as `extra` (training step, metrics, parent version …). */
  extra?: Record<string, unknown>;
}

export async function saveCheckpoint(
  dir: string,
  params: GptParams,
  cfg: GptConfig,
  extra?: Record<string, unknown>,
): Promise<void> {
  validateConfig(cfg);
  await mkdir(dir, { recursive: true });
  const tensors = new Map<string, F32Tensor>();
  for (const [name, shape] of paramShapes(cfg)) {
    const v = params.get(name);
    if (!v) throw new Error(`saveCheckpoint: missing parameter ${name}`);
    if (v.shape.join() !== shape.join())
      throw new Error(`saveCheckpoint: ${name} is [${v.shape}], config says [${shape}]`);
    tensors.set(name, { shape, data: (await v.data()) as Float32Array });
  }
  await writeSafetensors(join(dir, WEIGHTS_FILE), tensors, { format: CHECKPOINT_FORMAT });
  const config = { format: CHECKPOINT_FORMAT, config: cfg, ...(extra ? { extra } : {}) };
  await writeFileAtomic(join(dir, CONFIG_FILE), JSON.stringify(config, null, 2) + '\n');
}

export interface LoadOptions {
  /** false for frozen copies (PPO's reference policy), so no optimizer can touch them. Default true. */
  trainable?: boolean;
}

export async function loadCheckpoint(dir: string, opts: LoadOptions = {}): Promise<LoadedCheckpoint> {
  const json = JSON.parse(await readFile(join(dir, CONFIG_FILE), 'utf8')) as Record<string, unknown>;
  if (isHfGpt2Config(json)) return importHfGpt2(dir, opts);
  if (json.format !== CHECKPOINT_FORMAT)
    throw new Error(`loadCheckpoint: ${dir} has unknown format ${String(json.format)}`);
  const cfg = validateConfig(json.config as GptConfig);
  const file = await readSafetensors(join(dir, WEIGHTS_FILE));
  const tensors = new Map<string, F32Tensor>();
  for (const name of paramShapes(cfg).keys()) tensors.set(name, file.get(name));
  const params = paramsFromArrays(cfg, tensors, opts.trainable ?? true);
  return { cfg, params, ...(json.extra ? { extra: json.extra as Record<string, unknown> } : {}) };
}
