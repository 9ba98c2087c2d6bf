import { useState } from 'react';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { Badge, Button, Loading, type Tone } from '../ui';
import {
  feedbackApi,
  KIND_LABELS,
  STATUS_LABELS,
  type Report,
  type ReportEvent,
  type ReportStatus,
} from './api';
import { AnswerForm } from './AnswerForm';
import { LoadError } from '../ui';
import { Timeline, type TimelineStep } from './Timeline';

export const STATUS_TONES: Record<ReportStatus, Tone> = {
  new: 'info',
  needs_info: 'warning',
  accepted: 'success',
  rejected: 'neutral',
  duplicate: 'neutral',
};

function stepTitle(event: ReportEvent): string {
  switch (event.type) {
    case 'submitted':
      return 'Sent';
    case 'answer':
      return 'You answered';
    case 'auto_closed':
      return 'Closed: no answer came in time';
    case 'decision':
      return event.toStatus === 'needs_info'
        ? 'A reviewer asked for more information'
        : `Reviewed: ${STATUS_LABELS[event.toStatus].toLowerCase()}`;
  }
}

const steps = (events: ReportEvent[]): TimelineStep[] =>
  events.map((event, i) => ({
    key: `${i}-${event.type}`,
    title: stepTitle(event),
    at: event.createdAt,
    note: event.note,
    noteBy: event.type === 'answer' ? 'You' : 'Reviewer',
  }));

/** One of the person's reports: what it is about, its status, and (opened) its history. */
export function ReportItem({ report, onChange }: { report: Report; onChange: (next: Report) => void }) {
  const waiting = report.status === 'needs_info';
  const [open, setOpen] = useState(waiting);
  const excerpt = report.snapshot.message.content || '(empty message)';
  return (
    <li className="feedback-item" aria-label={`${KIND_LABELS[report.kind]}, ${STATUS_LABELS[report.status]}`}>
      <div className="feedback-item__head">
        <h3 className="feedback-item__title">{KIND_LABELS[report.kind]}</h3>
        <Badge tone={STATUS_TONES[report.status]}>{STATUS_LABELS[report.status]}</Badge>
        <span className="muted feedback-small">{formatDateTime(report.createdAt)}</span>
      </div>
      <p className="feedback-item__quote" title={report.snapshot.message.content}>
        <span className="visually-hidden">Reported message: </span>
        {excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt}
      </p>
      <p className="feedback-item__text">{report.description}</p>
      {report.categories.length > 0 && (
        <p className="muted feedback-small">Categories: {report.categories.join(', ')}</p>
      )}
      <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide status history' : 'Status history'}
      </Button>
      {open && <ReportHistory report={report} onAnswered={onChange} />}
    </li>
  );
}

function ReportHistory({ report, onAnswered }: { report: Report; onAnswered: (next: Report) => void }) {
  const detail = useAsync(
    (signal) => feedbackApi.reportDetail(report.id, signal),
    `${report.id}:${report.updatedAt}`,
  );
  if (detail.status === 'error')
    return <LoadError error={detail.error} retry={detail.reload} what="the history" />;
  if (!detail.data) return <Loading label="Loading the history" />;
  return (
    <div className="feedback-item__history">
      <Timeline steps={steps(detail.data.events ?? [])} label="Status history" />
      {detail.data.status === 'needs_info' && <AnswerForm report={detail.data} onAnswered={onAnswered} />}
    </div>
  );
}
