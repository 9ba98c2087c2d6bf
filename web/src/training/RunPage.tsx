import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Alert, Button, Card, Loading } from '../ui';
import { FINISHED } from './api';
import { CancelRunButton } from './CancelRunButton';
import { LineChart } from './LineChart';
import { groupMetrics } from './metric-groups';
import { OperatorNav } from './OperatorNav';
import { RunProgress } from './ProgressBar';
import { RunResult, RunSettings } from './RunDetails';
import { RunStatusBadge } from './RunStatusBadge';
import { KIND_LABELS } from './run-settings';
import { useRunStream, type StreamState } from './useRunStream';
import './training.css';

const STREAM_TEXT: Record<StreamState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  ended: 'Finished',
  reconnecting: 'Connection lost, reconnecting…',
};

/** One run: progress with time left, live charts of its metrics, its settings and result. */
export default function RunPage({ runId }: { runId: string }) {
  const { run, setRun, metrics, loadError, stream, retry } = useRunStream(runId);

  if (!run) {
    return (
      <div className="page">
        <h1>Training run</h1>
        <OperatorNav />
        {loadError ? (
          <Alert
            tone="danger"
            title="Could not load this run"
            actions={
              <Button size="sm" onClick={retry}>
                Retry
              </Button>
            }
          >
            {errorMessage(loadError)}
          </Alert>
        ) : (
          <Loading label="Loading the run" />
        )}
      </div>
    );
  }

  const finished = FINISHED.includes(run.status);
  const groups = groupMetrics(metrics);
  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>
            {KIND_LABELS[run.kind]} <RunStatusBadge status={run.status} />
          </h1>
          <p className="page__subtitle">
            Run <span className="mono">{run.id.slice(0, 8)}</span> · queued {formatDateTime(run.createdAt)}
            {run.finishedAt && ` · ended ${formatDateTime(run.finishedAt)}`}
          </p>
        </div>
      </div>
      <OperatorNav />
      <Card
        title="Progress"
        actions={
          (run.status === 'queued' || run.status === 'running') && (
            <CancelRunButton run={run} onCancelled={setRun} />
          )
        }
      >
        <RunProgress
          label="Run progress"
          step={run.step}
          totalSteps={run.totalSteps}
          running={run.status === 'running'}
          startedAt={run.startedAt}
          steps={metrics}
        />
        <p className={`run-stream run-stream--${stream}`} role="status">
          {finished && stream !== 'reconnecting' ? `Run ${run.status}` : STREAM_TEXT[stream]}
          {run.status === 'queued' && ' · waiting for the worker'}
          {run.attempts > 1 && ` · attempt ${run.attempts}`}
        </p>
        {run.error && (
          <Alert tone="danger" title="The run failed">
            {run.error}
          </Alert>
        )}
      </Card>
      <Card title="Metrics" description="Logged each step, streamed as the run goes.">
        {groups.length === 0 ? (
          <p className="empty">{finished ? 'This run logged no steps.' : 'No steps logged yet.'}</p>
        ) : (
          <div className="charts">
            {groups.map((g) => (
              <LineChart key={g.title} title={g.title} series={g.series} />
            ))}
          </div>
        )}
      </Card>
      <RunResult run={run} />
      <RunSettings run={run} />
    </div>
  );
}
