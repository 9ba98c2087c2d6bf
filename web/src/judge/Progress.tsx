import type { AssignmentSummary } from './api';
import { queueProgress } from './api';

/** "3 of 5 entries scored", as text and as a bar (recused entries are out of the count). */
export function QueueProgress({ assignments }: { assignments: AssignmentSummary[] }) {
  const { scored, total } = queueProgress(assignments);
  const label = `${scored} of ${total} ${total === 1 ? 'entry' : 'entries'} scored`;
  return (
    <div className="queue-progress">
      <p className="queue-progress__label" data-testid="queue-progress">
        {label}
      </p>
      <progress className="queue-progress__bar" max={Math.max(total, 1)} value={scored} aria-label={label} />
    </div>
  );
}
