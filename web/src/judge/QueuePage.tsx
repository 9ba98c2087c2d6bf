import { judgeAssignmentPath, paths } from '../app/paths';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Card, Loading } from '../ui';
import { judgingApi, queueProgress, type AssignmentSummary } from './api';
import { ConflictsCard } from './ConflictsCard';
import { LoadError } from '../ui';
import { QueueProgress } from './Progress';
import { AssignmentBadge, StatusBadge } from './StatusBadge';
import './judge.css';

/** One contest's queue: the entries to score, in order, and the judge's declared conflicts. */
export default function QueuePage({ slug }: { slug: string }) {
  const contests = useAsync((signal) => judgingApi.contests(signal).then((r) => r.data), 'judge-contests');
  const queue = useAsync((signal) => judgingApi.assignments(slug, signal), `queue:${slug}`);
  const contest = contests.data?.find((c) => c.slug === slug);
  const next = queue.data ? queueProgress(queue.data).next : null;

  return (
    <div className="page page--narrow">
      <p className="judge__back">
        <Link to={paths.judge}>← All contests</Link>
      </p>
      <div className="page__header">
        <div>
          <h1>{contest?.title ?? 'Queue'}</h1>
          {contest && (
            <p className="page__subtitle">
              <StatusBadge status={contest.status} /> Judging closes {formatDateTime(contest.judgingDeadline)}
            </p>
          )}
        </div>
        {next && (
          <Link to={judgeAssignmentPath(slug, next.id)} className="btn btn--primary btn--md">
            Score the next entry
          </Link>
        )}
      </div>
      {contests.status === 'error' && (
        <LoadError what="the contest" error={contests.error} retry={contests.reload} />
      )}
      {contests.data && !contest && (
        <LoadError
          what="the contest"
          error={new Error(`You do not judge a contest called “${slug}”.`)}
          retry={contests.reload}
        />
      )}

      <Card title="Your entries" description={contest?.rubricFormula} flush>
        {queue.status === 'loading' && !queue.data && <Loading label="Loading your queue" />}
        {queue.status === 'error' && (
          <div className="judge__inset">
            <LoadError what="your queue" error={queue.error} retry={queue.reload} />
          </div>
        )}
        {queue.data && (
          <>
            <div className="judge__inset">
              <QueueProgress assignments={queue.data} />
            </div>
            {queue.data.length === 0 ? (
              <p className="empty">No entries are assigned to you in this contest yet.</p>
            ) : (
              <QueueList slug={slug} assignments={queue.data} />
            )}
          </>
        )}
      </Card>

      {contest && <ConflictsCard slug={slug} onDeclared={queue.reload} />}
    </div>
  );
}

function QueueList({ slug, assignments }: { slug: string; assignments: AssignmentSummary[] }) {
  return (
    <ol className="queue" aria-label="Entries to judge">
      {assignments.map((a, i) => (
        <li key={a.id} className={`queue__item queue__item--${a.status}`}>
          {a.status === 'recused' ? (
            <span className="queue__name">Entry {i + 1}</span>
          ) : (
            <Link to={judgeAssignmentPath(slug, a.id)} className="queue__name">
              Entry {i + 1}
            </Link>
          )}
          <AssignmentBadge status={a.status} />
          <span className="queue__meta">
            {a.myTotal !== null
              ? `Your total ${a.myTotal.toFixed(2)}`
              : `Assigned ${formatDateTime(a.assignedAt)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
