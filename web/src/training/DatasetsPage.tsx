import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { Alert, Button, Card, Loading } from '../ui';
import { exportUrl, trainingApi, type Dataset } from './api';
import { LineChart } from './LineChart';
import { NewDatasetForm } from './NewDatasetForm';
import { OperatorNav } from './OperatorNav';
import { TaskCounts } from './TaskCounts';
import './training.css';

/** Operators: dataset snapshots, their sizes and growth, and their exports. */
export default function DatasetsPage() {
  const datasets = useAsync((signal) => trainingApi.datasets(null, signal), 'datasets');
  const list = datasets.data?.data ?? [];
  // Oldest first: each snapshot holds everything up to its moment, so its sizes trace the data's growth.
  const oldestFirst = [...list].reverse();
  const growth = [
    { name: 'Rankings', pick: (d: Dataset) => d.rankingIds.length },
    { name: 'Demonstrations', pick: (d: Dataset) => d.demonstrationIds.length },
    { name: 'Reports', pick: (d: Dataset) => d.reportIds.length },
  ].map(({ name, pick }) => ({ name, points: oldestFirst.map((d, i) => ({ x: i + 1, y: pick(d) })) }));

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Datasets</h1>
          <p className="page__subtitle">
            Frozen snapshots of rankings and demonstrations that runs learn from.
          </p>
        </div>
      </div>
      <OperatorNav />
      <Card title="New snapshot">
        <NewDatasetForm
          onCreated={(d) => datasets.setData((page) => ({ ...page, data: [d, ...page.data] }))}
        />
      </Card>
      <TaskCounts />
      <Card title="Snapshots" flush>
        {datasets.status === 'loading' && !datasets.data && <Loading label="Loading snapshots" />}
        {datasets.status === 'error' && (
          <div className="card__body">
            <Alert
              tone="danger"
              title="Could not load snapshots"
              actions={
                <Button size="sm" onClick={datasets.reload}>
                  Retry
                </Button>
              }
            >
              {errorMessage(datasets.error)}
            </Alert>
          </div>
        )}
        {datasets.data && list.length === 0 && <p className="empty">No snapshots yet.</p>}
        {list.length > 0 && <DatasetsTable datasets={list} />}
      </Card>
      {list.length > 0 && (
        <Card title="Growth" description="Size of each snapshot, oldest first.">
          <LineChart title="Dataset size" series={growth} xLabel="Snapshot" fromZero />
        </Card>
      )}
    </div>
  );
}

function DatasetsTable({ datasets }: { datasets: Dataset[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Dataset snapshots, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Rankings</th>
            <th scope="col">Demonstrations</th>
            <th scope="col">Reports</th>
            <th scope="col">Created</th>
            <th scope="col">Export</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={d.id}>
              <th scope="row" className="dataset-name">
                {d.name}
              </th>
              <td className="dataset-count">{d.rankingIds.length}</td>
              <td className="dataset-count">{d.demonstrationIds.length}</td>
              <td className="dataset-count">{d.reportIds.length}</td>
              <td className="runs__date">{formatDateTime(d.createdAt)}</td>
              <td className="dataset-exports">
                <a
                  href={exportUrl(d.id, 'trl')}
                  download={`${d.name}-trl.jsonl`}
                  aria-label={`Export ${d.name} as TRL preferences`}
                >
                  TRL
                </a>
                <a
                  href={exportUrl(d.id, 'hh')}
                  download={`${d.name}-hh.jsonl`}
                  aria-label={`Export ${d.name} as Anthropic HH`}
                >
                  HH
                </a>
                <a
                  href={exportUrl(d.id, 'openai')}
                  download={`${d.name}-openai.jsonl`}
                  aria-label={`Export ${d.name} demonstrations for OpenAI fine-tuning`}
                >
                  OpenAI
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
