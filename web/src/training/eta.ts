/** Time left of a run, from how fast its recent steps went. */

export interface StepTiming {
  step: number;
  /** ISO time the step was logged. */
  at: string;
}

/** Steps that set the pace: recent ones, so a run that speeds up or slows down is followed. */
const WINDOW = 10;

/**
 * Seconds per step over the last WINDOW logged steps; with one step logged, measured from the run's start.
 * Null when there is nothing to measure yet.
 */
export function secondsPerStep(steps: StepTiming[], startedAt: string | null): number | null {
  const recent = steps.slice(-WINDOW - 1);
  if (recent.length >= 2) {
    const first = recent[0];
    const last = recent[recent.length - 1];
    const span = last.step - first.step;
    if (span > 0) return (Date.parse(last.at) - Date.parse(first.at)) / 1000 / span;
  }
  if (recent.length === 1 && startedAt && recent[0].step > 0) {
    return (Date.parse(recent[0].at) - Date.parse(startedAt)) / 1000 / recent[0].step;
  }
  return null;
}

export function secondsLeft(step: number, totalSteps: number | null, pace: number | null): number | null {
  if (pace === null || !totalSteps || step >= totalSteps) return null;
  return Math.max(0, (totalSteps - step) * pace);
}

/** "less than a minute left", "about 4 min left", "about 1 h 20 min left". */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 60)
    return seconds < 10 ? 'a few seconds left' : `about ${Math.round(seconds / 5) * 5} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''} left`;
}
