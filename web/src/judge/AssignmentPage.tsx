import { useState } from 'react';
import { judgeAssignmentPath, judgeQueuePath } from '../app/paths';
import { Link, navigate } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Badge, Button, Card, Loading, useToast } from '../ui';
import { judgingApi, queueProgress, type AssignmentDetail } from './api';
import { EntryView } from './EntryView';
import { LoadError } from '../ui';
import { QueueProgress } from './Progress';
import { RecuseDialog } from './RecuseDialog';
import { ScoreForm } from './ScoreForm';
import { AssignmentBadge } from './StatusBadge';
import './judge.css';

/** Scoring one entry, blind: the entry, the rubric with its live total, and where this is in the queue. */
export default function AssignmentPage({ slug, assignmentId }: { slug: string; assignmentId: string }) {
  const toast = useToast();
  const detail = useAsync(
    (signal) => judgingApi.assignment(assignmentId, signal),
    `assignment:${assignmentId}`,
  );
  const queue = useAsync((signal) => judgingApi.assignments(slug, signal), `queue:${slug}`);
  const [recusing, setRecusing] = useState(false);
  const position = queue.data?.findIndex((a) => a.id === assignmentId) ?? -1;
  const title = position >= 0 ? `Entry ${position + 1}` : 'Entry';
  const next = queue.data ? queueProgress(queue.data.filter((a) => a.id !== assignmentId)).next : null;

  const onSaved = (saved: AssignmentDetail) => {
    detail.setData(() => saved);
    queue.reload();
  };

  return (
    <div className="page">
      <p className="judge__back">
        <Link to={judgeQueuePath(slug)}>← Back to the queue</Link>
      </p>
      <div className="page__header">
        <div>
          <h1>
            {title} {detail.data && <AssignmentBadge status={detail.data.status} />}
          </h1>
          {detail.data && <p className="page__subtitle">{detail.data.contest.title}</p>}
        </div>
        {next && (
          <Link to={judgeAssignmentPath(slug, next.id)} className="btn btn--secondary btn--md">
            Next entry to score
          </Link>
        )}
      </div>
      {queue.data && <QueueProgress assignments={queue.data} />}
      {detail.status === 'loading' && !detail.data && <Loading label="Loading the entry" />}
      {detail.status === 'error' && (
        <LoadError what="this entry" error={detail.error} retry={detail.reload} />
      )}
      {detail.data && (
        <div className="judge__layout">
          <EntryView entry={detail.data.entry} title={title} />
          <div className="stack">
            <ScoreForm
              key={`${detail.data.id}:${detail.data.status}`}
              detail={detail.data}
              onSaved={onSaved}
            />
            {detail.data.otherScores && <OtherScores scores={detail.data.otherScores} />}
            {detail.data.status === 'assigned' && detail.data.contest.status === 'judging' && (
              <Button variant="ghost" onClick={() => setRecusing(true)}>
                Recuse myself from this entry
              </Button>
            )}
          </div>
        </div>
      )}
      <RecuseDialog
        assignmentId={assignmentId}
        open={recusing}
        onClose={() => setRecusing(false)}
        onRecused={(replaced) => {
          setRecusing(false);
          toast(
            replaced ? 'You recused yourself; another judge takes the entry over.' : 'You recused yourself.',
          );
          navigate(judgeQueuePath(slug));
        }}
      />
    </div>
  );
}

/** After scoring: the other judges' scores of this entry, anonymised. */
function OtherScores({ scores }: { scores: NonNullable<AssignmentDetail['otherScores']> }) {
  return (
    <Card title="Other judges" description="Shown once you have scored; judges are not named.">
      {scores.length === 0 ? (
        <p className="muted">No other judge has scored this entry yet.</p>
      ) : (
        <ul className="other-scores">
          {scores.map((s) => (
            <li key={s.judge}>
              <strong>{s.judge}</strong> <Badge tone="accent">{s.total.toFixed(2)}</Badge>
              <span className="mono muted other-scores__formula">{s.formula}</span>
              {s.comment && <p>{s.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
