import { useState } from 'react';
import { competeResultsPath } from '../app/paths';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Loading, type Tone } from '../ui';
import { competeApi, type ContestStatus, type PublicContest } from './api';
import './compete.css';

const STATUS: Record<ContestStatus, { tone: Tone; label: string }> = {
  open: { tone: 'info', label: 'Open' },
  judging: { tone: 'accent', label: 'Judging' },
  finalised: { tone: 'success', label: 'Results out' },
  cancelled: { tone: 'danger', label: 'Cancelled' },
};

/** Every public contest, latest opening first, with a link to the results once they are published. */
export default function ContestsPage() {
  const list = useAsync((signal) => competeApi.contests(null, signal), 'contests');
  const contests = { ...list, data: list.data?.data };
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const loadMore = async () => {
    if (!list.data?.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await competeApi.contests(list.data.nextCursor);
      list.setData((prev) => ({ data: [...prev.data, ...page.data], nextCursor: page.nextCursor }));
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <div className="page page--narrow">
      <div className="page__header">
        <div>
          <h1>Contests</h1>
          <p className="page__subtitle">
            Bounties for finding where the model goes wrong, and their results.
          </p>
        </div>
      </div>
      {contests.status === 'loading' && !contests.data && <Loading label="Loading contests" />}
      {contests.status === 'error' && (
        <Alert
          tone="danger"
          title="Could not load the contests"
          actions={
            <Button size="sm" onClick={contests.reload}>
              Retry
            </Button>
          }
        >
          {errorMessage(contests.error)}
        </Alert>
      )}
      {contests.data?.length === 0 && (
        <Card>
          <p className="empty">No contests yet.</p>
        </Card>
      )}
      <div className="stack">
        {contests.data?.map((c) => (
          <ContestSummary key={c.slug} contest={c} />
        ))}
      </div>
      {(list.data?.nextCursor || moreError) && (
        <div className="compete__more">
          {moreError && <Alert tone="danger">{moreError}</Alert>}
          <Button loading={loadingMore} onClick={() => void loadMore()}>
            Show more contests
          </Button>
        </div>
      )}
    </div>
  );
}

function ContestSummary({ contest }: { contest: PublicContest }) {
  const status = STATUS[contest.status];
  return (
    <Card
      title={contest.title}
      description={<Badge tone={status.tone}>{status.label}</Badge>}
      actions={
        contest.status === 'finalised' ? (
          <Link to={competeResultsPath(contest.slug)} className="btn btn--primary btn--sm">
            Results<span className="visually-hidden"> of {contest.title}</span>
          </Link>
        ) : undefined
      }
    >
      <dl className="contest-facts">
        <div>
          <dt>Entries</dt>
          <dd>
            {formatDateTime(contest.opensAt)} – {formatDateTime(contest.closesAt)}
          </dd>
        </div>
        <div>
          <dt>Prizes</dt>
          <dd>
            {contest.prizePool} credits for up to {contest.winners}{' '}
            {contest.winners === 1 ? 'winner' : 'winners'}
          </dd>
        </div>
        <div>
          <dt>Scoring</dt>
          <dd className="mono contest-facts__formula">{contest.rubricFormula}</dd>
        </div>
      </dl>
    </Card>
  );
}
