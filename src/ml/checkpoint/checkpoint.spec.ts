import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../backend.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, forward, initParams } from '../model/gpt.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';

let dir: string;
beforeAll(async () => {
  await initBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'ckpt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkpoint', () => {
  it('round-trips weights bit for bit, with config and extra', async () => {
    const cfg = presetConfig('tiny', { nLayers: 3 });
    const params = initParams(cfg, 9);
    params.get('h.1.ln2.b')!.assign(tf.randomNormal([cfg.dModel], 0, 1, 'float32', 4)); // not just zeros
    await saveCheckpoint(dir, params, cfg, { step: 120, note: 'sft' });
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'model.safetensors']);
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')).config).toEqual(cfg);

    const loaded = await loadCheckpoint(dir, { trainable: false });
    expect(loaded.cfg).toEqual(cfg);
    expect(loaded.extra).toEqual({ step: 120, note: 'sft' });
    expect([...loaded.params.keys()]).toEqual([...params.keys()]);
    for (const [name, v] of params) {
      const back = loaded.params.get(name)!;
      expect(back.trainable).toBe(false);
      expect(new Uint32Array(back.dataSync().buffer)).toEqual(new Uint32Array(v.dataSync().buffer));
    }
    const input = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
    const [a, b] = [forward(params, cfg, input), forward(loaded.params, cfg, input)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([input, a, b]);
    disposeParams(params);
    disposeParams(loaded.params);
  });

  it('refuses a config.json it does not know', async () => {
    const other = await mkdtemp(join(tmpdir(), 'ckpt-'));
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(join(other, 'config.json'), '{"format":"something-else"}'),
    );
    await expect(loadCheckpoint(other)).rejects.toThrow(/unknown format/);
    await rm(other, { recursive: true, force: true });
  });
});
