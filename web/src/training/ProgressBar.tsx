import { formatTimeLeft, secondsLeft, secondsPerStep, type StepTiming } from './eta';

export interface RunProgressProps {
  step: number;
  totalSteps: number | null;
  running: boolean;
  startedAt: string | null;
  steps: StepTiming[];
  label: string;
}

/** A progress bar with the steps done and, while running, the time left at the recent pace. */
export function RunProgress({ step, totalSteps, running, startedAt, steps, label }: RunProgressProps) {
  const fraction = totalSteps ? Math.min(1, step / totalSteps) : 0;
  const left = running ? secondsLeft(step, totalSteps, secondsPerStep(steps, startedAt)) : null;
  const text = totalSteps ? `Step ${step} of ${totalSteps}` : step ? `Step ${step}` : 'Not started';
  return (
    <div className="progress">
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={totalSteps ?? undefined}
        aria-valuenow={totalSteps ? step : undefined}
        aria-valuetext={left !== null ? `${text}, ${formatTimeLeft(left)}` : text}
      >
        <div className="progress__fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="progress__text">
        <span>{text}</span>
        {left !== null && <span className="muted">{formatTimeLeft(left)}</span>}
      </div>
    </div>
  );
}
