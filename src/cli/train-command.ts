import type { INestApplicationContext } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { RunsService } from '../retrain/runs/runs.service.js';
import { RUN_KINDS, type RunKind, type TrainingRun } from '../retrain/runs/training-run.entity.js';

export class TrainUsageError extends Error {}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** `k=v` settings: numbers and booleans are parsed, anything else stays a string. */
export function parseRunParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new TrainUsageError(`--param ${pair}: expected key=value`);
    const [key, raw] = [pair.slice(0, at), pair.slice(at + 1)];
    params[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return params;
}

export function progressBar(run: Pick<TrainingRun, 'step' | 'totalSteps' | 'status'>, width = 30): string {
  const total = run.totalSteps ?? 0;
  const done = total > 0 ? Math.min(width, Math.round((run.step / total) * width)) : 0;
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${run.step}/${total || '?'} ${run.status}`;
}

/**
 * train <kind> [--param k=v ...] [--no-follow] [--work]: queues a run (validated by its kind's executor) and
 * follows it with a progress bar until it ends (--work: this process works the queue too, when no server or
 * worker is running); exits non-zero if it failed or was cancelled.
 */
export async function train(
  app: INestApplicationContext,
  args: string[],
  print: (line: string) => void,
  progress: (line: string) => void = () => undefined,
  pollMs = 500,
): Promise<TrainingRun> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { param: { type: 'string', multiple: true }, 'no-follow': { type: 'boolean' }, work: { type: 'boolean' } } });
  } catch (error) {
    throw new TrainUsageError((error as Error).message);
  }
  const [kind, ...rest] = parsed.positionals;
  if (!kind || rest.length || !(RUN_KINDS as readonly string[]).includes(kind)) {
    throw new TrainUsageError(`usage: train <${RUN_KINDS.join('|')}> [--param key=value ...] [--no-follow] [--work]`);
  }
  const runs = app.get(RunsService);
  let run = await runs.start(kind as RunKind, parseRunParams(parsed.values.param ?? []), null);
  print(`queued ${run.kind} run ${run.id} with ${JSON.stringify(run.params)}`);
  if (parsed.values['no-follow']) return run;
  while (!TERMINAL.has(run.status)) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    run = await runs.get(run.id);
    progress(progressBar(run));
  }
  print(`${run.status}: ${JSON.stringify({ modelVersionId: run.modelVersionId, error: run.error, summary: run.summary })}`);
  if (run.status !== 'succeeded') throw new TrainUsageError(`run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}`);
  return run;
}
