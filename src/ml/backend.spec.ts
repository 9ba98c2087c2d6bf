import * as tf from '@tensorflow/tfjs-core';
import { backendInfo, initBackend } from './backend.js';

const nodeInstalled = await import('@tensorflow/tfjs-node' as string).then(
  () => true,
  () => false,
);

describe('initBackend', () => {
  const env = process.env.TFJS_BACKEND;
  afterAll(() => {
    process.env.TFJS_BACKEND = env;
  });

  it('picks the fastest installed backend and says why it skipped the others', async () => {
    delete process.env.TFJS_BACKEND;
    const info = await initBackend();
    expect(info.name).toBe(nodeInstalled ? 'tensorflow' : 'wasm');
    expect(tf.getBackend()).toBe(info.name);
    if (!nodeInstalled) {
      expect(info).toMatchObject({ package: '@tensorflow/tfjs-backend-wasm', device: 'cpu', threads: 1 });
      expect(info.notes.join('\n')).toMatch(/tfjs-node-gpu not available[\s\S]*tfjs-node not available/);
    }
    expect(await backendInfo()).toEqual(info);
  });

  it('is idempotent, and switches only when another backend is named', async () => {
    const first = await initBackend('cpu');
    expect(first).toMatchObject({ name: 'cpu', package: '@tensorflow/tfjs-backend-cpu' });
    expect(await initBackend()).toBe(first);
    expect(await initBackend('cpu')).toBe(first);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('follows TFJS_BACKEND', async () => {
    process.env.TFJS_BACKEND = 'wasm';
    expect((await initBackend()).name).toBe('wasm');
    process.env.TFJS_BACKEND = 'cpu';
    expect((await initBackend()).name).toBe('cpu');
  });

  it('refuses an unknown name, and a named backend that cannot start', async () => {
    await expect(initBackend('webgpu')).rejects.toThrow(/expected one of tensorflow, wasm, cpu/);
    if (!nodeInstalled)
      await expect(initBackend('tensorflow')).rejects.toThrow(/no TensorFlow.js backend could start/);
    expect(tf.getBackend()).toBe('cpu');
    expect((await backendInfo())?.name).toBe('cpu');
  });
});
