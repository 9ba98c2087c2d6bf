import { formatDateTime } from '../lib/format';

export interface TimelineStep {
  key: string;
  title: string;
  at: string | null;
  note?: string | null;
  /** Who wrote the note, e.g. "Reviewer" or "You". */
  noteBy?: string;
}

/** A status history, oldest first. */
export function Timeline({ steps, label }: { steps: TimelineStep[]; label: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {steps.map((step) => (
        <li key={step.key} className="timeline__step">
          <span className="timeline__dot" aria-hidden="true" />
          <div>
            <p className="timeline__title">
              {step.title}
              {step.at && (
                <>
                  {' '}
                  <time className="timeline__time" dateTime={step.at}>
                    {formatDateTime(step.at)}
                  </time>
                </>
              )}
            </p>
            {step.note && (
              <blockquote className="timeline__note">
                {step.noteBy && <span className="visually-hidden">{step.noteBy}: </span>}
                {step.note}
              </blockquote>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
