import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Field, Loading, Select, type Tone } from '../ui';
import { modelsApi, type ModelKind, type ModelStatus, type ModelVersion } from './api';
import './models.css';

const STATUS_TONE: Record<ModelStatus, Tone> = {
  serving: 'success',
  candidate: 'info',
  retired: 'neutral',
  rejected: 'danger',
};

const PROVIDER_LABELS: Record<string, string> = {
  provider: 'Provider',
  model: 'Model',
  backend: 'Compute backend',
  contextLength: 'Context length',
  queued: 'Requests queued',
  baseUrl: 'Base URL',
};

/** Operators: which model serves chat now, and every version in the registry. */
export default function ModelsPage() {
  const [kind, setKind] = useState<ModelKind | ''>('');
  const serving = useAsync((signal) => modelsApi.serving(signal), 'serving');
  const versions = useAsync((signal) => modelsApi.versions(kind, signal), `versions:${kind}`);

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Models</h1>
          <p className="page__subtitle">The model serving chat, and every version in the registry.</p>
        </div>
      </div>

      <Card
        title="Serving now"
        actions={
          <Button size="sm" variant="ghost" onClick={serving.reload}>
            Refresh
          </Button>
        }
      >
        {serving.status === 'loading' && !serving.data && <Loading label="Loading the serving model" />}
        {serving.status === 'error' && (
          <LoadError error={serving.error} retry={serving.reload} what="the serving model" />
        )}
        {serving.data && (
          <dl className="facts">
            <div>
              <dt>Policy</dt>
              <dd>
                {serving.data.policy ? (
                  <>
                    <span className="mono">{serving.data.policy.name}</span>{' '}
                    <Badge tone="success">serving</Badge>
                  </>
                ) : (
                  <span className="muted">No policy version is marked as serving</span>
                )}
              </dd>
            </div>
            {serving.data.policy?.promotedAt && (
              <div>
                <dt>Promoted</dt>
                <dd>{formatDateTime(serving.data.policy.promotedAt)}</dd>
              </div>
            )}
            {Object.entries(serving.data.provider)
              .filter(([, value]) => value !== undefined && value !== null)
              .map(([key, value]) => (
                <div key={key}>
                  <dt>{PROVIDER_LABELS[key] ?? key}</dt>
                  <dd className={key === 'model' || key === 'baseUrl' ? 'mono' : undefined}>
                    {String(value)}
                  </dd>
                </div>
              ))}
          </dl>
        )}
      </Card>

      <Card
        title="Versions"
        flush
        actions={
          <Field label="Kind" hideLabel>
            <Select
              value={kind}
              onChange={(e) => setKind(e.target.value as ModelKind | '')}
              options={[
                { value: '', label: 'All kinds' },
                { value: 'policy', label: 'Policy' },
                { value: 'reward', label: 'Reward' },
                { value: 'moderation', label: 'Moderation' },
              ]}
            />
          </Field>
        }
      >
        {versions.status === 'loading' && <Loading label="Loading model versions" />}
        {versions.status === 'error' && (
          <div className="card__body">
            <LoadError error={versions.error} retry={versions.reload} what="model versions" />
          </div>
        )}
        {versions.status === 'ok' && versions.data.data.length === 0 && (
          <p className="empty">No {kind || 'model'} versions yet.</p>
        )}
        {versions.status === 'ok' && versions.data.data.length > 0 && (
          <VersionsTable versions={versions.data.data} />
        )}
      </Card>
    </div>
  );
}

function VersionsTable({ versions }: { versions: ModelVersion[] }) {
  const names = new Map(versions.map((v) => [v.id, v.name]));
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Model versions</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Metrics</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>
                <div className="mono">{v.name}</div>
                {v.parentId && (
                  <div className="faint models__parent">
                    from {names.get(v.parentId) ?? v.parentId.slice(0, 8)}
                  </div>
                )}
              </td>
              <td>{v.kind}</td>
              <td>
                <Badge tone={STATUS_TONE[v.status]}>{v.status}</Badge>
              </td>
              <td>
                <Metrics metrics={v.metrics} />
              </td>
              <td className="models__date">{formatDateTime(v.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The first few numeric metrics, rounded; all of them in the tooltip. */
function Metrics({ metrics }: { metrics: Record<string, unknown> }) {
  const entries = Object.entries(metrics).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
  if (!entries.length) return <span className="faint">—</span>;
  const show = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v));
  return (
    <span className="models__metrics" title={entries.map(([k, v]) => `${k}: ${show(v)}`).join('\n')}>
      {entries.slice(0, 3).map(([k, v]) => (
        <span key={k}>
          <span className="faint">{k}</span> {show(v)}
        </span>
      ))}
      {entries.length > 3 && <span className="faint">+{entries.length - 3} more</span>}
    </span>
  );
}

function LoadError({ error, retry, what }: { error: unknown; retry: () => void; what: string }) {
  return (
    <Alert
      tone="danger"
      title={`Could not load ${what}`}
      actions={
        <Button size="sm" onClick={retry}>
          Retry
        </Button>
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}
