import { useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { modelsApi } from '../models/api';
import { Alert, Button, Card, Field, Input, Select } from '../ui';
import { trainingApi, type Run, type RunKind } from './api';
import {
  CHOICES,
  KIND_DESCRIPTIONS,
  KIND_LABELS,
  parseSetting,
  RUN_KINDS,
  SETTINGS,
  USES_DATASET,
} from './run-settings';

/** Starts a training run: its kind, and the settings that differ from the defaults. */
export function StartRunForm({ onStarted }: { onStarted: (run: Run) => void }) {
  const [kind, setKind] = useState<RunKind>('moderation');
  const [values, setValues] = useState<Record<string, string>>({});
  const [datasetId, setDatasetId] = useState('');
  const [rewardModelId, setRewardModelId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const datasets = useAsync((signal) => trainingApi.datasets(null, signal), 'datasets');
  const rewardModels = useAsync((signal) => modelsApi.versions('reward', signal), 'reward-models');

  const settings = SETTINGS[kind];
  const parsed = settings.map((s) => ({ setting: s, ...parseSetting(s, values[s.key] ?? '') }));
  const invalid = parsed.some((p) => p.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid) return;
    const params: Record<string, unknown> = {};
    for (const p of parsed) if (p.value !== undefined) params[p.setting.key] = p.value;
    for (const c of CHOICES[kind]) if (values[c.key]) params[c.key] = values[c.key];
    if (USES_DATASET.includes(kind) && datasetId) params.datasetId = datasetId;
    if (kind === 'ppo' && rewardModelId) params.rewardModelId = rewardModelId;
    setBusy(true);
    setError(null);
    try {
      onStarted(await trainingApi.start(kind, params));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Card title="Start a run" description="Empty settings take their defaults, shown in grey.">
      <form className="start-run" onSubmit={submit} noValidate>
        <Field label="Kind" hint={KIND_DESCRIPTIONS[kind]}>
          <Select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as RunKind);
              setValues({});
              setSubmitted(false);
              setError(null);
            }}
            options={RUN_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
        </Field>
        <div className="start-run__settings">
          {USES_DATASET.includes(kind) && (
            <Field label="Dataset snapshot">
              <Select
                value={datasetId}
                onChange={(e) => setDatasetId(e.target.value)}
                options={[
                  { value: '', label: 'Latest snapshot' },
                  ...(datasets.data?.data ?? []).map((d) => ({
                    value: d.id,
                    label: `${d.name} (${formatDateTime(d.createdAt)})`,
                  })),
                ]}
              />
            </Field>
          )}
          {kind === 'ppo' && (
            <Field label="Reward model">
              <Select
                value={rewardModelId}
                onChange={(e) => setRewardModelId(e.target.value)}
                options={[
                  { value: '', label: 'Serving reward model' },
                  ...(rewardModels.data?.data ?? []).map((v) => ({
                    value: v.id,
                    label: `${v.name} (${v.status})`,
                  })),
                ]}
              />
            </Field>
          )}
          {CHOICES[kind].map((choice) => (
            <Field key={`${kind}:${choice.key}`} label={choice.label}>
              <Select
                value={values[choice.key] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [choice.key]: e.target.value }))}
                options={choice.options}
              />
            </Field>
          ))}
          {parsed.map(({ setting, error: fieldError }) => (
            <Field
              key={`${kind}:${setting.key}`}
              label={setting.label}
              hint={`${setting.min} to ${setting.max}`}
              error={submitted ? fieldError : undefined}
            >
              <Input
                inputMode={setting.integer ? 'numeric' : 'decimal'}
                placeholder={setting.placeholder ?? String(setting.default)}
                value={values[setting.key] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [setting.key]: e.target.value }))}
              />
            </Field>
          ))}
        </div>
        {error !== null && (
          <Alert tone="danger" title="The run was not started">
            {errorMessage(error)}
          </Alert>
        )}
        <div className="start-run__actions">
          <Button type="submit" variant="primary" loading={busy}>
            Start run
          </Button>
        </div>
      </form>
    </Card>
  );
}
