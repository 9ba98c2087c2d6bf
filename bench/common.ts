/** Shared pieces of the benchmarks: backend from the command line, timing, matMul peak, BENCHMARKS.md. */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/common/package-info.js';
import { BackendInfo, initBackend } from '../src/ml/backend.js';

/** `--backend wasm --threads 2` (or TFJS_BACKEND / TFJS_WASM_THREADS). */
export async function setup(): Promise<BackendInfo> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const threads = arg('threads');
  return initBackend(arg('backend'), threads ? { wasmThreads: Number(threads) } : {});
}

export function describeBackend(info: BackendInfo): string {
  return `${info.name}${info.threads ? ` (${info.threads} thread${info.threads > 1 ? 's' : ''})` : ''}, ${info.package}, ${info.device}`;
}

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg()[0].toFixed(1); // other work on the machine skews the numbers: say how much
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, tfjs ${tf.version_core}, load average ${load}`;
}

/** Median milliseconds of fn over `reps` runs after `warmup` runs; fn must wait for its own result. */
export async function timeMs(fn: () => Promise<void> | void, reps: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Best plain 2-D matMul GFLOP/s over a few square-ish shapes: the backend's practical peak. */
export async function matMulPeak(): Promise<{ gflops: number; shape: string }[]> {
  const shapes: [number, number, number][] = [
    [1024, 256, 1024],
    [1024, 1024, 1024],
    [2048, 2048, 2048],
  ];
  const out: { gflops: number; shape: string }[] = [];
  for (const [m, k, n] of shapes) {
    const a = tf.randomNormal([m, k]);
    const b = tf.randomNormal([k, n]);
    const ms = await timeMs(
      () => {
        const y = tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);
        y.dataSync();
        y.dispose();
      },
      m >= 2048 ? 3 : 7,
    );
    out.push({ gflops: (2 * m * k * n) / ms / 1e6, shape: `${m}×${k} · ${k}×${n}` });
    tf.dispose([a, b]);
  }
  return out;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Replaces (or appends) the section between `<!-- bench:key -->` markers in BENCHMARKS.md. */
export function updateBenchmarks(key: string, title: string, body: string): void {
  // From the project root, so a compiled benchmark (dist/bench/) writes the same file.
  const file = join(PROJECT_ROOT, 'BENCHMARKS.md');
  const start = `<!-- bench:${key} -->`;
  const end = `<!-- /bench:${key} -->`;
  const section = `${start}\n## ${title}\n\n${body.trim()}\n${end}`;
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench:train` and `npm run bench:generate`; each run replaces its own section.\n';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text =
    i >= 0 && j > i
      ? text.slice(0, i) + section + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
}

export function commandLine(script: string): string {
  const args = process.argv.slice(2).join(' ');
  return `npm run ${script}${args ? ` -- ${args}` : ''}`;
}
