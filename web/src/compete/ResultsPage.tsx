import { paths } from '../app/paths';
import { ApiError, errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Loading } from '../ui';
import { competeApi, type ContestResults } from './api';
import './compete.css';

/** A finalised contest's public results: rank, score and award; names only of entrants who opted in. */
export default function ResultsPage({ slug }: { slug: string }) {
  const results = useAsync((signal) => competeApi.results(slug, signal), `results:${slug}`);
  const notYet = results.error instanceof ApiError && results.error.status === 404;
  return (
    <div className="page page--narrow">
      <p className="compete__back">
        <Link to={paths.compete}>← All contests</Link>
      </p>
      <div className="page__header">
        <div>
          <h1>{results.data ? results.data.contest.title : 'Results'}</h1>
          {results.data?.contest.finalisedAt && (
            <p className="page__subtitle">
              Final results, published {formatDateTime(results.data.contest.finalisedAt)}
            </p>
          )}
        </div>
      </div>
      {results.status === 'loading' && !results.data && <Loading label="Loading the results" />}
      {results.status === 'error' && (
        <Alert
          tone={notYet ? 'info' : 'danger'}
          title={notYet ? 'No results here yet' : 'Could not load the results'}
          actions={
            notYet ? undefined : (
              <Button size="sm" onClick={results.reload}>
                Retry
              </Button>
            )
          }
        >
          {errorMessage(results.error)}
        </Alert>
      )}
      {results.data && <ResultsTable data={results.data} />}
    </div>
  );
}

function ResultsTable({ data }: { data: ContestResults }) {
  const awarded = data.results.reduce((sum, r) => sum + r.award, 0);
  return (
    <Card
      title="Ranking"
      description={`${data.results.length} ranked entries · ${awarded} of ${data.contest.prizePool} credits awarded${
        data.contest.agreement !== null ? ` · judges' agreement ${data.contest.agreement.toFixed(2)}` : ''
      }`}
      flush
    >
      {data.results.length === 0 ? (
        <p className="empty">No entry was ranked.</p>
      ) : (
        <div className="table-wrap">
          <table className="table results-table">
            <caption className="visually-hidden">Final ranking of {data.contest.title}</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Entrant</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col" className="num results-table__raw">
                  Judges' mean
                </th>
                <th scope="col" className="num">
                  Award
                </th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((r) => (
                <tr key={r.rank}>
                  <td>{r.rank}</td>
                  <td>{r.name ?? <span className="muted">Anonymous</span>}</td>
                  <td className="num">{r.score.toFixed(2)}</td>
                  <td className="num results-table__raw">{r.rawScore.toFixed(2)}</td>
                  <td className="num">
                    {r.award > 0 ? (
                      <Badge tone="success">{r.award} credits</Badge>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="results__note muted">
        Scores are normalised per judge, so harsh and lenient judges count alike; the judges' mean is the
        plain average of their rubric totals.
      </p>
    </Card>
  );
}
