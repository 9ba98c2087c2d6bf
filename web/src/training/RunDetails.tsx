import { paths } from '../app/paths';
import { Link } from '../lib/router';
import { Card } from '../ui';
import { formatNumber } from './chart-scale';
import type { Run } from './api';
import { settingLabel } from './run-settings';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `${value.length} items`;
  if (isRecord(value)) return `${Object.keys(value).length} entries`;
  return '—';
}

/** Plain values as facts; an evaluation or the gate as a short list of its plain values. */
function Facts({
  values,
  label = (key) => key,
}: {
  values: Record<string, unknown>;
  label?: (key: string) => string;
}) {
  const entries = Object.entries(values).filter(([, v]) => v !== null && v !== undefined);
  return (
    <dl className="facts run-facts">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{label(key)}</dt>
          {isRecord(value) ? (
            <dd className="run-facts__nested">
              <ul>
                {Object.entries(value).map(([k, v]) => (
                  <li key={k}>
                    <span className="faint">{k}</span> {show(v)}
                  </li>
                ))}
              </ul>
            </dd>
          ) : (
            <dd className="mono">{show(value)}</dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export function RunSettings({ run }: { run: Run }) {
  return (
    <Card title="Settings">
      <Facts values={run.params} label={(key) => settingLabel(run.kind, key)} />
    </Card>
  );
}

export function RunResult({ run }: { run: Run }) {
  if (!Object.keys(run.summary).length && !run.modelVersionId) return null;
  return (
    <Card title="Result">
      {run.modelVersionId && (
        <p className="run-result__version">
          Registered model version <span className="mono">{run.modelVersionId.slice(0, 8)}</span> —{' '}
          <Link to={paths.manageModels}>see it among the models</Link>
        </p>
      )}
      <Facts values={run.summary} />
      <details className="run-result__json">
        <summary>Full result as JSON</summary>
        <pre>{JSON.stringify(run.summary, null, 2)}</pre>
      </details>
    </Card>
  );
}
