import type { Report } from '../../feedback/feedback.entities.js';
import type { Contest, ContestEntry, JudgeAssignment, Score } from '../contest.entities.js';
import { describeRubric } from '../math/rubric.js';

/**
 * Judge-facing views. Blind judging: nothing here may name or point at the entrant — no entrant or reporter
 * id, email or display name, no entry id, no report id. Built field by field so nothing leaks by accident.
 */

export function judgeScoreView(score: Score) {
  return {
    values: score.levels,
    total: score.total,
    formula: score.formula,
    comment: score.comment,
    revision: score.revision,
    submittedAt: score.createdAt.toISOString(),
    updatedAt: score.updatedAt.toISOString(),
  };
}

function blindReportView(report: Report) {
  const { snapshot } = report;
  return {
    kind: report.kind,
    categories: report.categories,
    description: report.description,
    reportedAt: report.createdAt.toISOString(),
    conversation: {
      title: snapshot.conversation.title,
      messages: snapshot.messages.map((m) => ({
        role: m.role,
        content: m.content,
        status: m.status,
        createdAt: m.createdAt,
      })),
    },
    message: {
      role: snapshot.message.role,
      content: snapshot.message.content,
      status: snapshot.message.status,
      modelName: snapshot.message.modelName,
    },
    moderation: snapshot.moderation && {
      provider: snapshot.moderation.provider,
      action: snapshot.moderation.action,
      categories: snapshot.moderation.categories,
      scores: snapshot.moderation.scores,
    },
  };
}

export function judgeContestView(contest: Contest) {
  return {
    slug: contest.slug,
    title: contest.title,
    status: contest.status,
    judgingDeadline: contest.judgingDeadline.toISOString(),
    blind: contest.blind,
    rubric: contest.rubric,
    rubricFormula: describeRubric(contest.rubric),
  };
}

/** One line of a judge's list. */
export function assignmentSummaryView(
  assignment: JudgeAssignment,
  contest: Contest,
  score: Score | undefined,
) {
  return {
    id: assignment.id,
    contest: { slug: contest.slug, title: contest.title, status: contest.status },
    status: assignment.status,
    extra: assignment.extra,
    assignedAt: assignment.createdAt.toISOString(),
    submittedAt: assignment.submittedAt?.toISOString() ?? null,
    myTotal: score?.total ?? null,
  };
}

export interface AssignmentDetail {
  assignment: JudgeAssignment;
  contest: Contest;
  entry: ContestEntry;
  reports: Report[];
  mine: Score | undefined;
  /** Only once this judge has submitted: the other judges' scores, anonymised. */
  others: Score[] | null;
  /** Only when the contest is not blind. */
  entrantName: string | null;
}

export function assignmentView(detail: AssignmentDetail) {
  const { assignment, contest, entry, reports, mine, others } = detail;
  return {
    id: assignment.id,
    status: assignment.status,
    extra: assignment.extra,
    assignedAt: assignment.createdAt.toISOString(),
    submittedAt: assignment.submittedAt?.toISOString() ?? null,
    contest: judgeContestView(contest),
    entry: {
      writeUp: entry.writeUp,
      submittedAt: entry.createdAt.toISOString(),
      reports: reports.map(blindReportView),
      ...(contest.blind ? {} : { entrant: { displayName: detail.entrantName } }),
    },
    myScore: mine ? judgeScoreView(mine) : null,
    otherScores: others ? others.map((s, i) => ({ judge: `Judge ${i + 1}`, ...judgeScoreView(s) })) : null,
  };
}
