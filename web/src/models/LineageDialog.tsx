import { errorMessage } from '../lib/api';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { runPath } from '../training/links';
import { Alert, Badge, Dialog, Loading } from '../ui';
import { modelsApi, type LineageNode, type ModelVersion } from './api';
import { metricEntries } from './metric-entries';

/** Where a version came from: its ancestors, the run that trained it, the data and reports behind it. */
export function LineageDialog({ version, onClose }: { version: ModelVersion | null; onClose: () => void }) {
  return (
    <Dialog
      open={version !== null}
      onClose={onClose}
      size="md"
      title={version ? `Lineage of ${version.name}` : 'Lineage'}
    >
      {version && <LineageBody version={version} />}
    </Dialog>
  );
}

function LineageBody({ version }: { version: ModelVersion }) {
  const lineage = useAsync((signal) => modelsApi.lineage(version.id, signal), version.id);
  const metrics = metricEntries(version.metrics);
  return (
    <div className="lineage">
      <section aria-labelledby="lineage-metrics">
        <h3 id="lineage-metrics">Metrics</h3>
        {metrics.length === 0 ? (
          <p className="faint">No metrics recorded.</p>
        ) : (
          <dl className="lineage__metrics">
            {metrics.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {lineage.status === 'loading' && <Loading label="Loading the lineage" />}
      {lineage.status === 'error' && (
        <Alert tone="danger" title="Could not load the lineage">
          {errorMessage(lineage.error)}
        </Alert>
      )}
      {lineage.status === 'ok' && (
        <>
          <section aria-labelledby="lineage-chain">
            <h3 id="lineage-chain">Versions, newest first</h3>
            <ol className="lineage__chain">
              {[lineage.data.version, ...lineage.data.ancestors].map((node, i) => (
                <ChainItem key={node.id} node={node} current={i === 0} />
              ))}
            </ol>
          </section>
          <section aria-labelledby="lineage-data">
            <h3 id="lineage-data">Training data</h3>
            {lineage.data.datasets.length === 0 ? (
              <p className="faint">No dataset snapshot is recorded for this version.</p>
            ) : (
              <ul className="lineage__datasets">
                {lineage.data.datasets.map((d) => (
                  <li key={d.id}>
                    <span className="mono">{d.name}</span>: {d.rankingIds.length} rankings,{' '}
                    {d.demonstrationIds.length} demonstrations, {d.reportIds.length} reports
                  </li>
                ))}
              </ul>
            )}
            <p className="muted">
              {lineage.data.reportIds.length} reports behind it · {lineage.data.contestEntries.length} contest
              entries
            </p>
          </section>
        </>
      )}
    </div>
  );
}

function ChainItem({ node, current }: { node: LineageNode; current: boolean }) {
  return (
    <li aria-current={current ? 'true' : undefined}>
      <span className="mono">{node.name}</span> <Badge>{node.status}</Badge>
      {current && <span className="faint"> this version</span>}
      {node.trainingRunId && (
        <>
          {' '}
          · <Link to={runPath(node.trainingRunId)}>training run {node.trainingRunId.slice(0, 8)}</Link>
        </>
      )}
    </li>
  );
}
