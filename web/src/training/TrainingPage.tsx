import { useEffect, useState } from 'react';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Button, Card, Loading } from '../ui';
import { FINISHED, trainingApi, type Run } from './api';
import { runPath } from './links';
import { OperatorNav } from './OperatorNav';
import { RunStatusBadge } from './RunStatusBadge';
import { KIND_LABELS } from './run-settings';
import { StartRunForm } from './StartRunForm';
import './training.css';

const REFRESH_MS = 3000;

/** Operators: start a training run, and every run with its progress. */
export default function TrainingPage() {
  const [cursor, setCursor] = useState<string | null>(null);
  const runs = useAsync((signal) => trainingApi.runs(cursor, signal), `runs:${cursor ?? ''}`);
  const active = runs.data?.data.some((r) => !FINISHED.includes(r.status)) ?? false;

  // Progress in the list moves while a run is active; the run's own page streams it live.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(runs.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, runs.reload]);

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Training runs</h1>
          <p className="page__subtitle">Start runs and follow them until their model is registered.</p>
        </div>
      </div>
      <OperatorNav />
      <StartRunForm onStarted={(run) => navigate(runPath(run.id))} />
      <Card
        title="Runs"
        flush
        actions={
          <Button size="sm" variant="ghost" onClick={runs.reload}>
            Refresh
          </Button>
        }
      >
        {runs.status === 'loading' && !runs.data && <Loading label="Loading runs" />}
        {runs.status === 'error' && (
          <div className="card__body">
            <Alert
              tone="danger"
              title="Could not load runs"
              actions={
                <Button size="sm" onClick={runs.reload}>
                  Retry
                </Button>
              }
            >
              {errorMessage(runs.error)}
            </Alert>
          </div>
        )}
        {runs.data && runs.data.data.length === 0 && <p className="empty">No runs yet.</p>}
        {runs.data && runs.data.data.length > 0 && <RunsTable runs={runs.data.data} />}
        {(cursor || runs.data?.nextCursor) && (
          <div className="runs__pager">
            <Button size="sm" disabled={!cursor} onClick={() => setCursor(null)}>
              Newest
            </Button>
            <Button
              size="sm"
              disabled={!runs.data?.nextCursor}
              onClick={() => setCursor(runs.data?.nextCursor ?? null)}
            >
              Older
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}

function RunsTable({ runs }: { runs: Run[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Training runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Started</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link to={runPath(run.id)} className="runs__link">
                  {KIND_LABELS[run.kind]}
                </Link>
                <div className="faint mono runs__id">{run.id.slice(0, 8)}</div>
              </td>
              <td>
                <RunStatusBadge status={run.status} />
              </td>
              <td className="runs__progress">
                {run.totalSteps ? `${run.step} / ${run.totalSteps}` : run.step || '—'}
              </td>
              <td className="runs__date">{formatDateTime(run.startedAt ?? run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
