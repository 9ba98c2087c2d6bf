import { useState } from 'react';
import { useSession } from '../auth/session';
import { paths, reviewReportPath } from '../app/paths';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Loading } from '../ui';
import { KIND_LABELS, STATUS_LABELS, reviewApi, type SimilarReport, type TriageReport } from './api';
import { DecisionForm, type DecisionDraft } from './DecisionForm';
import { ReviewNav } from './ReviewNav';
import { SnapshotView } from './SnapshotView';
import './review.css';

const OPEN = ['new', 'needs_info'];

/** One report: what the reporter saw, similar earlier reports, its history, and the decision. */
export default function TriageReportPage({ reportId }: { reportId: string }) {
  const { user } = useSession();
  const report = useAsync((signal) => reviewApi.report(reportId, signal), `report:${reportId}`);
  const [draft, setDraft] = useState<DecisionDraft>({ decision: 'accepted', duplicateOf: '' });
  const [decided, setDecided] = useState<TriageReport | null>(null);

  const onDecided = (updated: TriageReport) => {
    setDecided(updated);
    // The decision's answer has no similar list: keep the one already shown.
    report.setData((r) => ({ ...updated, similar: r.similar }));
  };

  return (
    <div className="page">
      <ReviewNav />
      <Link to={paths.reviewTriage} className="review-back">
        ← Back to the queue
      </Link>
      {report.status === 'loading' && !report.data && <Loading label="Loading the report" />}
      {report.status === 'error' && (
        <Alert
          tone="danger"
          title="Could not load the report"
          actions={
            <Button size="sm" onClick={report.reload}>
              Retry
            </Button>
          }
        >
          {errorMessage(report.error)}
        </Alert>
      )}
      {report.data && (
        <>
          <div className="page__header">
            <div>
              <h1>{KIND_LABELS[report.data.kind]} report</h1>
              <p className="page__subtitle">
                Filed {formatDateTime(report.data.createdAt)} ·{' '}
                <Badge>{STATUS_LABELS[report.data.status]}</Badge>
              </p>
            </div>
          </div>

          <Card title="What the reporter says">
            <p className="report__description">{report.data.description}</p>
            {report.data.categories.length > 0 && (
              <div className="report__categories" aria-label="Categories">
                {report.data.categories.map((c) => (
                  <Badge key={c}>{c}</Badge>
                ))}
              </div>
            )}
          </Card>

          <Card title="What they saw" description="Frozen when the report was filed.">
            <SnapshotView snapshot={report.data.snapshot} />
          </Card>

          <Card title="Similar earlier reports" flush>
            <SimilarList
              similar={report.data.similar ?? []}
              canPick={OPEN.includes(report.data.status)}
              onPick={(id) => setDraft({ decision: 'duplicate', duplicateOf: id })}
            />
          </Card>

          <Card title="Decision">
            {decided && (
              <Alert
                tone="success"
                title={`Saved: ${STATUS_LABELS[decided.status]}`}
                actions={
                  <Link to={paths.reviewTriage} className="btn btn--secondary btn--sm">
                    Next report
                  </Link>
                }
              >
                {decided.status === 'duplicate' && decided.duplicateOf && (
                  <>
                    Linked to the original report{' '}
                    <Link to={reviewReportPath(decided.duplicateOf)} className="mono">
                      {decided.duplicateOf.slice(0, 8)}
                    </Link>
                    .
                  </>
                )}
                {decided.status === 'needs_info' && 'The reporter was asked your question.'}
              </Alert>
            )}
            {!decided && OPEN.includes(report.data.status) && (
              <>
                {report.data.reporterId === user?.id && (
                  <Alert tone="warning">You filed this report; another reviewer has to decide it.</Alert>
                )}
                <DecisionForm report={report.data} draft={draft} onDraft={setDraft} onDecided={onDecided} />
              </>
            )}
            {!decided && !OPEN.includes(report.data.status) && (
              <p className="muted">This report was already decided: {STATUS_LABELS[report.data.status]}.</p>
            )}
          </Card>

          {report.data.events && report.data.events.length > 0 && (
            <Card title="History">
              <ol className="report__history">
                {report.data.events.map((e, i) => (
                  <li key={i}>
                    <span className="faint">{formatDateTime(e.createdAt)}</span>{' '}
                    {e.type === 'submitted'
                      ? 'Filed'
                      : e.type === 'answer'
                        ? 'Reporter answered'
                        : e.type === 'auto_closed'
                          ? 'Closed automatically'
                          : 'Decision'}
                    {e.fromStatus && ` · ${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]}`}
                    {e.note && <q className="report__note">{e.note}</q>}
                  </li>
                ))}
              </ol>
            </Card>
          )}
        </>
      )}
    </div>
  );
}

function SimilarList({
  similar,
  canPick,
  onPick,
}: {
  similar: SimilarReport[];
  canPick: boolean;
  onPick: (id: string) => void;
}) {
  if (!similar.length) return <p className="empty">No earlier report looks like this one.</p>;
  return (
    <ul className="similar" aria-label="Similar earlier reports">
      {similar.map((s) => (
        <li key={s.id} className="similar__item">
          <div>
            <Link to={reviewReportPath(s.id)} className="mono">
              {s.id.slice(0, 8)}
            </Link>{' '}
            <Badge tone="neutral">{KIND_LABELS[s.kind]}</Badge> <Badge>{STATUS_LABELS[s.status]}</Badge>
            <div className="faint similar__why">
              {s.sameMessage ? 'Same message' : `${Math.round(s.similarity * 100)}% similar text`} · filed{' '}
              {formatDateTime(s.createdAt)}
            </div>
          </div>
          {canPick && (
            <Button
              size="sm"
              onClick={() => onPick(s.id)}
              aria-label={`Mark as duplicate of ${s.id.slice(0, 8)}`}
            >
              Duplicate of this
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
