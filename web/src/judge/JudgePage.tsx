import { judgeQueuePath } from '../app/paths';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Badge, Card, Loading } from '../ui';
import { judgingApi, type JudgeContest } from './api';
import { LoadError } from '../ui';
import { QueueProgress } from './Progress';
import { StatusBadge } from './StatusBadge';
import './judge.css';

/** Judges: the contests they judge, with how far along their queue they are. */
export default function JudgePage() {
  const contests = useAsync((signal) => judgingApi.contests(signal).then((r) => r.data), 'judge-contests');
  return (
    <div className="page page--narrow">
      <div className="page__header">
        <div>
          <h1>Judging</h1>
          <p className="page__subtitle">
            The contests you judge. Entries are shown without their entrant's identity.
          </p>
        </div>
      </div>
      {contests.status === 'loading' && !contests.data && <Loading label="Loading your contests" />}
      {contests.status === 'error' && (
        <LoadError what="your contests" error={contests.error} retry={contests.reload} />
      )}
      {contests.data?.length === 0 && (
        <Card>
          <p className="empty">You are not on the panel of any contest yet.</p>
        </Card>
      )}
      <div className="stack">
        {contests.data?.map((contest) => (
          <ContestCard key={contest.slug} contest={contest} />
        ))}
      </div>
    </div>
  );
}

function ContestCard({ contest }: { contest: JudgeContest }) {
  const queue = useAsync((signal) => judgingApi.assignments(contest.slug, signal), `queue:${contest.slug}`);
  return (
    <Card
      title={contest.title}
      description={
        <>
          <StatusBadge status={contest.status} /> Judging closes {formatDateTime(contest.judgingDeadline)}
          {contest.blind && (
            <>
              {' '}
              <Badge tone="info">Blind</Badge>
            </>
          )}
        </>
      }
      actions={
        <Link to={judgeQueuePath(contest.slug)} className="btn btn--primary btn--sm">
          Open queue<span className="visually-hidden"> of {contest.title}</span>
        </Link>
      }
    >
      <p className="judge__formula mono">{contest.rubricFormula}</p>
      {queue.status === 'error' && <LoadError what="your queue" error={queue.error} retry={queue.reload} />}
      {queue.data ? <QueueProgress assignments={queue.data} /> : queue.status === 'loading' && <Loading />}
    </Card>
  );
}
