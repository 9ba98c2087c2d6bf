/**
 * Adam's state beside a checkpoint's weights, so a resumed run continues with the moments it had instead
 * of restarting them from zero: `optimizer.safetensors` holds `m.<variable>` and `v.<variable>` (flat F32)
 * and the step count in its metadata.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AdamState } from '../train/optim.js';
import { type F32Tensor, readSafetensors, writeSafetensors } from './safetensors.js';

export const OPTIMIZER_FILE = 'optimizer.safetensors';
const FORMAT = 'rlhf-portal/adam@1';

export async function saveOptimizerState(dir: string, state: AdamState): Promise<void> {
  const tensors = new Map<string, F32Tensor>();
  for (const [prefix, moments] of [
    ['m', state.m],
    ['v', state.v],
  ] as const) {
    for (const [name, data] of moments) tensors.set(`${prefix}.${name}`, { shape: [data.length], data });
  }
  await writeSafetensors(join(dir, OPTIMIZER_FILE), tensors, { format: FORMAT, step: String(state.step) });
}

/** The state saved in `dir`, or null when the checkpoint has none (written before optimizer state was kept). */
export async function loadOptimizerState(dir: string): Promise<AdamState | null> {
  const path = join(dir, OPTIMIZER_FILE);
  if (!existsSync(path)) return null;
  const file = await readSafetensors(path);
  if (file.metadata.format !== FORMAT) throw new Error(`${path} has unknown format ${file.metadata.format}`);
  const step = Number(file.metadata.step);
  if (!Number.isInteger(step) || step < 0) throw new Error(`${path} has no valid step count`);
  const state: AdamState = { step, m: new Map(), v: new Map() };
  for (const key of file.entries.keys()) {
    const dot = key.indexOf('.');
    const prefix = key.slice(0, dot);
    if (prefix === 'm' || prefix === 'v') state[prefix].set(key.slice(dot + 1), file.get(key).data);
  }
  return state;
}
