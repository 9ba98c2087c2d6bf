import type { RunKind, TrainingRun } from './training-run.entity.js';

/** Thrown from `report` when an operator cancelled the run; the runner marks it cancelled. */
export class RunCancelled extends Error {}

export interface RunContext {
  run: TrainingRun;
  /** DATA_DIR/models/runs/<run id>: checkpoints and outputs of this run. */
  dir: string;
  /** Logs a step's metrics, moves the progress bar, and stops the run if it was cancelled. */
  report(step: number, totalSteps: number, values: Record<string, number>): Promise<void>;
  /** Records that `path` holds a checkpoint from which `step` can resume. */
  checkpointed(step: number, path: string): Promise<void>;
  /**
   * Records that this attempt continues from the checkpoint of `step` (at `path`): the metrics logged
   * after it are dropped, since those steps run again, and a `run.resume` event is written.
   */
  resumed(step: number, path: string): Promise<void>;
}

export interface RunOutcome {
  summary: Record<string, unknown>;
  modelVersionId?: string;
}

/** Trains one kind of model. Registered by the module that owns the kind. */
export interface RunExecutor {
  readonly kind: RunKind;
  /** Fills in defaults and checks settings before the run is queued (throws BadRequest on bad input). */
  prepare(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  execute(context: RunContext): Promise<RunOutcome>;
}

export const RUN_EXECUTORS = Symbol('RUN_EXECUTORS');
