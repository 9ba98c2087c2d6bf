/**
 * Imports a Hugging Face GPT-2-family checkpoint (`config.json` + `model.safetensors`, or shards listed
 * in `model.safetensors.index.json`). HF's Conv1D stores weights [in, out], the layout gpt.ts uses, so
 * the mapping is a renaming; c_attn's columns are q | k | v like our attn.qkv.w.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GptConfig, validateConfig } from '../model/config.js';
import { paramsFromArrays } from '../model/gpt.js';
import type { LoadedCheckpoint, LoadOptions } from './checkpoint.js';
import { F32Tensor, readSafetensors, SafetensorsFile } from './safetensors.js';

export interface HfGpt2Config {
  n_embd: number;
  n_layer: number;
  n_head: number;
  n_positions?: number;
  n_ctx?: number;
  vocab_size: number;
  layer_norm_epsilon?: number;
  activation_function?: string;
  tie_word_embeddings?: boolean;
  scale_attn_by_inverse_layer_idx?: boolean;
}

export function isHfGpt2Config(json: Record<string, unknown>): boolean {
  return (
    typeof json.n_embd === 'number' && typeof json.n_layer === 'number' && typeof json.n_head === 'number'
  );
}

export function configFromHf(hf: HfGpt2Config): GptConfig {
  const act = hf.activation_function ?? 'gelu_new';
  if (act !== 'gelu_new' && act !== 'gelu_pytorch_tanh')
    throw new Error(`GPT-2 import: activation ${act} is not the tanh GELU this model uses`);
  if (hf.scale_attn_by_inverse_layer_idx)
    throw new Error('GPT-2 import: scale_attn_by_inverse_layer_idx is not supported');
  if (hf.tie_word_embeddings === false)
    throw new Error('GPT-2 import: untied output heads are not supported');
  return validateConfig({
    vocabSize: hf.vocab_size,
    contextLength: hf.n_positions ?? hf.n_ctx ?? 1024,
    dModel: hf.n_embd,
    nLayers: hf.n_layer,
    nHeads: hf.n_head,
    layerNormEpsilon: hf.layer_norm_epsilon ?? 1e-5,
  });
}

/** Our parameter name → HF's (without the optional `transformer.` prefix). */
export function hfNameMap(cfg: GptConfig): Map<string, string> {
  const map = new Map<string, string>([
    ['wte', 'wte.weight'],
    ['wpe', 'wpe.weight'],
  ]);
  const pairs: [string, string][] = [
    ['ln1.g', 'ln_1.weight'],
    ['ln1.b', 'ln_1.bias'],
    ['attn.qkv.w', 'attn.c_attn.weight'],
    ['attn.qkv.b', 'attn.c_attn.bias'],
    ['attn.proj.w', 'attn.c_proj.weight'],
    ['attn.proj.b', 'attn.c_proj.bias'],
    ['ln2.g', 'ln_2.weight'],
    ['ln2.b', 'ln_2.bias'],
    ['mlp.fc.w', 'mlp.c_fc.weight'],
    ['mlp.fc.b', 'mlp.c_fc.bias'],
    ['mlp.proj.w', 'mlp.c_proj.weight'],
    ['mlp.proj.b', 'mlp.c_proj.bias'],
  ];
  for (let i = 0; i < cfg.nLayers; i++)
    for (const [ours, hf] of pairs) map.set(`h.${i}.${ours}`, `h.${i}.${hf}`);
  map.set('lnf.g', 'ln_f.weight').set('lnf.b', 'ln_f.bias');
  return map;
}

/** Reads the HF checkpoint in dir; attn.bias / attn.masked_bias buffers are ignored, a tied lm_head checked. */
export async function importHfGpt2(dir: string, opts: LoadOptions = {}): Promise<LoadedCheckpoint> {
  const hf = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as HfGpt2Config;
  const cfg = configFromHf(hf);
  const files = await openWeights(dir);
  const lookup = (name: string): F32Tensor | undefined => {
    for (const candidate of [name, `transformer.${name}`]) {
      const file = files.find((f) => f.entries.has(candidate));
      if (file) return file.get(candidate);
    }
    return undefined;
  };
  const tensors = new Map<string, F32Tensor>();
  for (const [ours, theirs] of hfNameMap(cfg)) {
    const t = lookup(theirs);
    if (!t) throw new Error(`GPT-2 import: ${dir} lacks ${theirs}`);
    tensors.set(ours, t);
  }
  const head = lookup('lm_head.weight');
  if (head && !sameValues(head.data, tensors.get('wte')!.data))
    throw new Error('GPT-2 import: lm_head.weight differs from wte (untied head)');
  const params = paramsFromArrays(cfg, tensors, opts.trainable ?? true);
  return { cfg, params, extra: { importedFrom: 'huggingface-gpt2' } };
}

async function openWeights(dir: string): Promise<SafetensorsFile[]> {
  const index = join(dir, 'model.safetensors.index.json');
  const exists = await access(index).then(
    () => true,
    () => false,
  );
  if (!exists) return [await readSafetensors(join(dir, 'model.safetensors'))];
  const { weight_map } = JSON.parse(await readFile(index, 'utf8')) as { weight_map: Record<string, string> };
  const shards = [...new Set(Object.values(weight_map))];
  return Promise.all(shards.map((f) => readSafetensors(join(dir, f))));
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
