import { errorMessage } from '../lib/api';
import { useAsync } from '../lib/useAsync';
import { Alert, Card, Loading } from '../ui';
import { trainingApi, type TaskStatus } from './api';

const STATUSES: { status: TaskStatus; label: string }[] = [
  { status: 'sampling', label: 'Sampling alternatives' },
  { status: 'open', label: 'Waiting for rankings' },
  { status: 'complete', label: 'Ranked' },
  { status: 'failed', label: 'Failed' },
];

/** How many ranking tasks are in each state: what the next snapshot can take in. */
export function TaskCounts() {
  const counts = useAsync(
    (signal) =>
      Promise.all(
        STATUSES.map(async ({ status }) => {
          const page = await trainingApi.tasks(status, signal);
          return `${page.data.length}${page.nextCursor ? '+' : ''}`;
        }),
      ),
    'task-counts',
  );
  return (
    <Card title="Ranking tasks" description="Completed tasks go into the next snapshot.">
      {counts.status === 'loading' && <Loading label="Counting tasks" />}
      {counts.status === 'error' && (
        <Alert tone="danger" title="Could not count tasks">
          {errorMessage(counts.error)}
        </Alert>
      )}
      {counts.status === 'ok' && (
        <dl className="facts">
          {STATUSES.map(({ label }, i) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="dataset-count">{counts.data[i]}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
