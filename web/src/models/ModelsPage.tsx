import { useState } from 'react';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { OperatorNav } from '../training/OperatorNav';
import { Badge, Button, Card, Field, Loading, LoadError, Select, useToast } from '../ui';
import { modelsApi, type ModelKind, type ModelVersion } from './api';
import { LineageDialog } from './LineageDialog';
import { ReasonDialog } from './ReasonDialog';
import { VersionsTable } from './VersionsTable';
import './models.css';

const PROVIDER_LABELS: Record<string, string> = {
  provider: 'Provider',
  model: 'Model',
  backend: 'Compute backend',
  contextLength: 'Context length',
  queued: 'Requests queued',
  baseUrl: 'Base URL',
};

const KIND_OPTIONS = [
  { value: 'policy', label: 'Policy' },
  { value: 'reward', label: 'Reward' },
  { value: 'moderation', label: 'Moderation' },
];

/** Operators: which model serves chat now, every version in the registry, promotion and rollback. */
export default function ModelsPage() {
  const [kind, setKind] = useState<ModelKind | ''>('');
  const serving = useAsync((signal) => modelsApi.serving(signal), 'serving');
  const versions = useAsync((signal) => modelsApi.versions(kind, signal), `versions:${kind}`);
  const [promoting, setPromoting] = useState<ModelVersion | null>(null);
  const [lineageOf, setLineageOf] = useState<ModelVersion | null>(null);
  const [rollingBack, setRollingBack] = useState(false);
  const [rollbackKind, setRollbackKind] = useState<ModelKind>('policy');
  const toast = useToast();

  const changed = (message: string) => {
    serving.reload();
    versions.reload();
    toast(message, 'success');
  };

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Models</h1>
          <p className="page__subtitle">The model serving chat, and every version in the registry.</p>
        </div>
      </div>
      <OperatorNav />

      <Card
        title="Serving now"
        actions={
          <>
            <Button size="sm" variant="ghost" onClick={serving.reload}>
              Refresh
            </Button>
            <Button size="sm" onClick={() => setRollingBack(true)}>
              Roll back
            </Button>
          </>
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
              options={[{ value: '', label: 'All kinds' }, ...KIND_OPTIONS]}
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
          <VersionsTable versions={versions.data.data} onPromote={setPromoting} onLineage={setLineageOf} />
        )}
      </Card>

      <ReasonDialog
        open={promoting !== null}
        title={`Promote ${promoting?.name ?? ''}?`}
        description={`It becomes the serving ${promoting?.kind ?? 'model'} version at once; the current one is retired.`}
        confirmLabel="Promote"
        onClose={() => setPromoting(null)}
        onConfirm={async (reason) => {
          const version = await modelsApi.promote(promoting!.id, reason);
          setPromoting(null);
          changed(`${version.name} is now serving`);
        }}
      />
      <ReasonDialog
        open={rollingBack}
        title="Roll back?"
        description="The version that served before the current one serves again; the current one is retired."
        confirmLabel="Roll back"
        onClose={() => setRollingBack(false)}
        onConfirm={async (reason) => {
          const version = await modelsApi.rollback(rollbackKind, reason);
          setRollingBack(false);
          changed(`Rolled back: ${version.name} is serving again`);
        }}
      >
        <Field label="Model kind">
          <Select
            value={rollbackKind}
            onChange={(e) => setRollbackKind(e.target.value as ModelKind)}
            options={KIND_OPTIONS}
          />
        </Field>
      </ReasonDialog>
      <LineageDialog version={lineageOf} onClose={() => setLineageOf(null)} />
    </div>
  );
}
