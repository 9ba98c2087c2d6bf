import { formatDateTime } from '../lib/format';
import { Badge, Button, type Tone } from '../ui';
import type { ModelStatus, ModelVersion } from './api';
import { metricEntries } from './metric-entries';

const STATUS_TONE: Record<ModelStatus, Tone> = {
  serving: 'success',
  candidate: 'info',
  retired: 'neutral',
  rejected: 'danger',
};

export interface VersionsTableProps {
  versions: ModelVersion[];
  onPromote: (version: ModelVersion) => void;
  onLineage: (version: ModelVersion) => void;
}

export function VersionsTable({ versions, onPromote, onLineage }: VersionsTableProps) {
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
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
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
              <td className="models__actions">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Lineage of ${v.name}`}
                  onClick={() => onLineage(v)}
                >
                  Lineage
                </Button>
                {v.status !== 'serving' && (
                  <Button size="sm" aria-label={`Promote ${v.name}`} onClick={() => onPromote(v)}>
                    Promote
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The first few metrics, rounded; all of them in the tooltip and the lineage view. */
function Metrics({ metrics }: { metrics: Record<string, unknown> }) {
  // Numbers first: they are what a version is judged by (ids and labels follow).
  const isText = (value: string) => Number(Number.isNaN(Number(value)));
  const entries = metricEntries(metrics).sort(([, a], [, b]) => isText(a) - isText(b));
  if (!entries.length) return <span className="faint">—</span>;
  return (
    <span className="models__metrics" title={entries.map(([k, v]) => `${k}: ${v}`).join('\n')}>
      {entries.slice(0, 3).map(([k, v]) => (
        <span key={k}>
          <span className="faint">{k}</span> {v}
        </span>
      ))}
      {entries.length > 3 && <span className="faint">+{entries.length - 3} more</span>}
    </span>
  );
}
