import type { Rating, Report, ReportEvent } from '../feedback.entities.js';
import type { SimilarReport } from '../reports.service.js';

export function ratingView(rating: Rating) {
  return {
    messageId: rating.messageId,
    value: rating.value,
    reasons: rating.reasons,
    comment: rating.comment,
    updatedAt: rating.updatedAt.toISOString(),
  };
}

export function eventView(event: ReportEvent) {
  return {
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
    createdAt: event.createdAt.toISOString(),
  };
}

export function reportView(report: Report, events?: ReportEvent[]) {
  return {
    id: report.id,
    kind: report.kind,
    messageId: report.messageId,
    categories: report.categories,
    description: report.description,
    status: report.status,
    duplicateOf: report.duplicateOf,
    snapshot: report.snapshot,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
    ...(events ? { events: events.map(eventView) } : {}),
  };
}

export function triageView(report: Report, similar?: SimilarReport[], events?: ReportEvent[]) {
  return { ...reportView(report, events), reporterId: report.reporterId, ...(similar ? { similar } : {}) };
}
