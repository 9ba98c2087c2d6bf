import { useState } from 'react';
import { paths, reviewReportPath } from '../app/paths';
import { errorMessage, query } from '../lib/api';
import { formatRelative } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Field, Loading, Select, useToast } from '../ui';
import {
  CATEGORIES,
  KIND_LABELS,
  REPORT_KINDS,
  REPORT_STATUSES,
  STATUS_LABELS,
  reviewApi,
  type ReportKind,
  type ReportStatus,
  type TriageFilters,
  type TriageReport,
} from './api';
import { ReviewNav } from './ReviewNav';
import './review.css';

function filtersFrom(search: URLSearchParams): TriageFilters {
  const kind = search.get('kind') ?? '';
  const status = search.get('status') ?? 'new';
  const category = search.get('category') ?? '';
  return {
    kind: (REPORT_KINDS as readonly string[]).includes(kind) ? (kind as ReportKind) : '',
    status: (REPORT_STATUSES as readonly string[]).includes(status) ? (status as ReportStatus) : 'new',
    category: (CATEGORIES as readonly string[]).includes(category) ? category : '',
  };
}

/** Trainers and admins: reports waiting for a decision, oldest first. */
export default function TriageQueuePage() {
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const key = `${filters.kind}|${filters.status}|${filters.category}`;
  const first = useAsync((signal) => reviewApi.queue(filters, null, signal), `triage:${key}`);
  const [more, setMore] = useState<{ key: string; reports: TriageReport[]; cursor: string | null } | null>(
    null,
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const toast = useToast();

  const extra = more?.key === key ? more : null;
  const reports = [...(first.data?.data ?? []), ...(extra?.reports ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.nextCursor ?? null);

  const setFilter = (name: keyof TriageFilters, value: string) => {
    const next = { ...filters, [name]: value };
    navigate(`${paths.reviewTriage}${query({ ...next, status: next.status === 'new' ? '' : next.status })}`, {
      replace: true,
    });
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await reviewApi.queue(filters, cursor);
      setMore({ key, reports: [...(extra?.reports ?? []), ...page.data], cursor: page.nextCursor });
    } catch (error) {
      toast(`Could not load more reports: ${errorMessage(error)}`, 'danger');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="page">
      <ReviewNav />
      <div className="page__header">
        <div>
          <h1>Triage</h1>
          <p className="page__subtitle">Reports of model replies and filter mistakes, oldest first.</p>
        </div>
      </div>

      <form className="triage-filters" aria-label="Filter reports" onSubmit={(e) => e.preventDefault()}>
        <Field label="Kind">
          <Select
            value={filters.kind}
            onChange={(e) => setFilter('kind', e.target.value)}
            options={[
              { value: '', label: 'All kinds' },
              ...REPORT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
            ]}
          />
        </Field>
        <Field label="Status">
          <Select
            value={filters.status}
            onChange={(e) => setFilter('status', e.target.value)}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
        </Field>
        <Field label="Category">
          <Select
            value={filters.category}
            onChange={(e) => setFilter('category', e.target.value)}
            options={[
              { value: '', label: 'All categories' },
              ...CATEGORIES.map((c) => ({ value: c, label: c })),
            ]}
          />
        </Field>
      </form>

      <Card flush>
        {first.status === 'loading' && <Loading label="Loading reports" />}
        {first.status === 'error' && (
          <div className="card__body">
            <Alert
              tone="danger"
              title="Could not load reports"
              actions={
                <Button size="sm" onClick={first.reload}>
                  Retry
                </Button>
              }
            >
              {errorMessage(first.error)}
            </Alert>
          </div>
        )}
        {first.status === 'ok' && reports.length === 0 && (
          <p className="empty">
            No {STATUS_LABELS[filters.status].toLowerCase()} reports match these filters.
          </p>
        )}
        {first.status === 'ok' && reports.length > 0 && (
          <ul className="triage-list" aria-label="Reports">
            {reports.map((r) => (
              <ReportRow key={r.id} report={r} />
            ))}
          </ul>
        )}
      </Card>
      {cursor && first.status === 'ok' && (
        <Button onClick={() => void loadMore()} loading={loadingMore} className="triage-more">
          Load more
        </Button>
      )}
    </div>
  );
}

function ReportRow({ report }: { report: TriageReport }) {
  const similar = report.similar?.length ?? 0;
  return (
    <li className="triage-item">
      <Link to={reviewReportPath(report.id)} className="triage-item__link">
        {report.description}
      </Link>
      <div className="triage-item__meta">
        <Badge tone={report.kind === 'harmful_output' || report.kind === 'bias' ? 'warning' : 'info'}>
          {KIND_LABELS[report.kind]}
        </Badge>
        {report.status !== 'new' && <Badge>{STATUS_LABELS[report.status]}</Badge>}
        {report.categories.map((c) => (
          <Badge key={c} tone="neutral">
            {c}
          </Badge>
        ))}
        {similar > 0 && (
          <Badge tone="accent" title="Earlier reports that look like this one">
            {similar} similar
          </Badge>
        )}
        <span className="faint">{formatRelative(report.createdAt)}</span>
      </div>
      <p className="triage-item__reply">{report.snapshot.message.content || '(empty reply)'}</p>
    </li>
  );
}
