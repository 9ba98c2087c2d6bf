/**
 * Picks the fastest installed TensorFlow.js backend: tfjs-node-gpu (CUDA) → tfjs-node → wasm → cpu.
 * `initBackend(name)` or TFJS_BACKEND forces one ('tensorflow' | 'wasm' | 'cpu'); a forced backend
 * that cannot start is an error rather than a silent fallback. The result says what actually runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface BackendInfo {
  /** tf.getBackend(): 'tensorflow' | 'wasm' | 'cpu'. */
  name: string;
  /** The npm package providing it. */
  package: string;
  /** Where the math runs: a CUDA GPU only with tfjs-node-gpu that found one. */
  device: 'gpu' | 'cpu';
  /** XNNPACK threads (wasm only). */
  threads?: number;
  /** Why candidates before this one were skipped, for the log and /health. */
  notes: string[];
}

export interface BackendOptions {
  /** wasm threads; default TFJS_WASM_THREADS or 1 (batch-1 decoding is fastest on one, REFERENCE §4). */
  wasmThreads?: number;
}

let current: Promise<BackendInfo> | undefined;
let currentName: string | undefined;

/** Idempotent: later calls return the first result unless they name a different backend. */
export function initBackend(preferred?: string, opts: BackendOptions = {}): Promise<BackendInfo> {
  const wanted = preferred ?? process.env.TFJS_BACKEND ?? undefined;
  if (current && (!wanted || wanted === currentName)) return current;
  const previous = current;
  const attempt = select(wanted, opts).then((info) => ((currentName = info.name), info));
  current = attempt;
  attempt.catch(() => {
    if (current === attempt) current = previous; // a failed switch leaves the running backend reported
  });
  return attempt;
}

/** What initBackend settled on, if it has run. */
export async function backendInfo(): Promise<BackendInfo | undefined> {
  return current?.catch(() => undefined);
}

type Candidate = (notes: string[], opts: BackendOptions) => Promise<BackendInfo | string>;

const candidates: Record<string, Candidate[]> = {
  tensorflow: [
    (notes) => tryNode('@tensorflow/tfjs-node-gpu', notes),
    (notes) => tryNode('@tensorflow/tfjs-node', notes),
  ],
  wasm: [(notes, opts) => tryWasm(notes, opts)],
  cpu: [() => tryCpu()],
};

async function select(wanted: string | undefined, opts: BackendOptions): Promise<BackendInfo> {
  if (wanted && !candidates[wanted])
    throw new Error(`TFJS_BACKEND=${wanted}: expected one of ${Object.keys(candidates).join(', ')}`);
  const order = wanted ? candidates[wanted] : Object.values(candidates).flat();
  const notes: string[] = [];
  for (const attempt of order) {
    const result = await attempt(notes, opts).catch(
      (e: unknown) => `failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    if (typeof result !== 'string') return { ...result, notes };
    notes.push(result);
  }
  throw new Error(`no TensorFlow.js backend could start: ${notes.join('; ')}`);
}

async function tryNode(pkg: string, notes: string[]): Promise<BackendInfo | string> {
  try {
    await import(pkg); // registers 'tensorflow' in the shared tfjs-core when installed and loadable
  } catch (e) {
    return `${pkg} not available (${(e as Error).message.split('\n')[0]})`;
  }
  if (!tf.findBackendFactory('tensorflow'))
    return `${pkg} loaded but registered no 'tensorflow' backend in this tfjs-core (version mismatch?)`;
  if (!(await tf.setBackend('tensorflow')) || tf.getBackend() !== 'tensorflow')
    return `${pkg}: backend 'tensorflow' failed to start`;
  const gpu = Boolean((tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice);
  if (pkg.endsWith('-gpu') && !gpu) {
    // without CUDA 11.2 / cuDNN 8.1 tfjs-node-gpu runs on the CPU: still native TensorFlow, so keep it
    notes.push(`${pkg}: no GPU visible (needs CUDA 11.2 + cuDNN 8.1), running native TensorFlow on the CPU`);
  }
  return { name: 'tensorflow', package: pkg, device: gpu ? 'gpu' : 'cpu', notes: [] };
}

let wasmPathsSet = false;

async function tryWasm(notes: string[], opts: BackendOptions): Promise<BackendInfo | string> {
  const pkg = '@tensorflow/tfjs-backend-wasm';
  const wasm = (await import(pkg)) as typeof import('@tensorflow/tfjs-backend-wasm');
  const threads = Math.max(1, Math.floor(opts.wasmThreads ?? Number(process.env.TFJS_WASM_THREADS ?? 1)));
  let restore = () => {};
  if (!wasmPathsSet) {
    wasm.setWasmPaths(
      join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), 'dist') + '/',
    );
    wasmPathsSet = true;
    if (threads > 1) {
      try {
        restore = loadPthreadWorkersFromFiles(threads);
        wasm.setThreadsCount(threads);
      } catch (e) {
        notes.push(`wasm threads unavailable, using 1: ${(e as Error).message}`);
      }
    }
  }
  try {
    if (!(await tf.setBackend('wasm'))) return `${pkg}: backend 'wasm' failed to start`;
  } finally {
    restore();
  }
  if (wasm.getThreadsCount() > 1) await pthreadsStarted();
  return { name: 'wasm', package: pkg, device: 'cpu', threads: wasm.getThreadsCount(), notes: [] };
}

/**
 * A pthread only starts once the main thread has handled its worker's 'loaded' message; until then
 * XNNPACK's pool silently runs everything on the main thread. So wait for the event loop to do that.
 */
async function pthreadsStarted(timeoutMs = 5000): Promise<void> {
  type Worker = { loaded?: boolean };
  const pthread = (tf.backend() as unknown as { wasm: { PThread?: { runningWorkers: Worker[] } } }).wasm
    .PThread;
  const deadline = Date.now() + timeoutMs;
  while (pthread && !pthread.runningWorkers.every((w) => w.loaded) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * tfjs-backend-wasm turns threads off under Node and would load its pthread workers from blob: URLs,
 * which Node's worker_threads cannot run. This turns them on and, while the backend initialises, writes
 * the worker and the module it imports to files, with the bundle-level helpers the module expects.
 * The module also caps its pool at half the CPU count os.cpus() reports, so that reports 2·threads
 * meanwhile. Returns a function that undoes these global patches.
 */
function loadPthreadWorkersFromFiles(threads: number): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tfjs-wasm-'));
  const mainFile = join(dir, 'module.js');
  const prelude = [
    `var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os');`,
    `var commonjsGlobal = globalThis;`,
    `var _scriptDir = ${JSON.stringify(mainFile)}, __filename = _scriptDir, __dirname = ${JSON.stringify(dir)};`,
    `var __values = (o) => o[Symbol.iterator]();`,
    `var __read = (o, n) => (n === undefined ? [...o] : [...o].slice(0, n));`,
    `var __spreadArray = (to, from) => to.concat(Array.from(from));`,
  ].join('\n');
  const texts = new WeakMap<object, string>();
  const OriginalBlob = globalThis.Blob;
  const originalCreateObjectURL = URL.createObjectURL;
  globalThis.Blob = class extends OriginalBlob {
    constructor(...args: ConstructorParameters<typeof Blob>) {
      super(...args);
      const parts = args[0];
      if (parts && Array.from(parts).every((p) => typeof p === 'string'))
        texts.set(this, Array.from(parts).join(''));
    }
  };
  URL.createObjectURL = (obj: Blob) => {
    const text = texts.get(obj);
    const branch = text?.indexOf('if(typeof e.data.urlOrBlob') ?? -1;
    if (text === undefined || branch < 0) return originalCreateObjectURL(obj);
    const end =
      text.indexOf('URL.revokeObjectURL(objectUrl)}', branch) + 'URL.revokeObjectURL(objectUrl)}'.length;
    const workerFile = join(dir, 'worker.js');
    writeFileSync(
      workerFile,
      text.slice(0, branch) + `importScripts(${JSON.stringify(mainFile)});` + text.slice(end),
    );
    return workerFile;
  };
  // the module factory's source travels as a Blob too: capture it as it is made
  const Capturing = globalThis.Blob;
  globalThis.Blob = class extends Capturing {
    constructor(...args: ConstructorParameters<typeof Blob>) {
      super(...args);
      const text = texts.get(this);
      if (text?.startsWith('var WasmBackendModuleThreadedSimd'))
        writeFileSync(mainFile, prelude + '\n' + text);
    }
  };
  const cpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => cpus()[i % cpus().length]);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  return () => {
    globalThis.Blob = OriginalBlob;
    URL.createObjectURL = originalCreateObjectURL;
    os.cpus = cpus;
  };
}

async function tryCpu(): Promise<BackendInfo | string> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) return `'cpu' backend failed to start`;
  // the backend's own "install tfjs-node" banner: the choice is reported through BackendInfo instead
  (tf.backend() as unknown as { firstUse: boolean }).firstUse = false;
  return { name: 'cpu', package: '@tensorflow/tfjs-backend-cpu', device: 'cpu', notes: [] };
}
