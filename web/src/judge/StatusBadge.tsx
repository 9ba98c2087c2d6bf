import { Badge, type Tone } from '../ui';
import type { AssignmentStatus, ContestStatus } from './api';

const CONTEST_TONE: Record<ContestStatus, Tone> = {
  draft: 'neutral',
  open: 'info',
  judging: 'accent',
  finalised: 'success',
  cancelled: 'danger',
};

const ASSIGNMENT: Record<AssignmentStatus, { tone: Tone; label: string }> = {
  assigned: { tone: 'warning', label: 'To score' },
  submitted: { tone: 'success', label: 'Scored' },
  recused: { tone: 'neutral', label: 'Recused' },
};

export function StatusBadge({ status }: { status: ContestStatus }) {
  return <Badge tone={CONTEST_TONE[status]}>{status}</Badge>;
}

export function AssignmentBadge({ status }: { status: AssignmentStatus }) {
  const { tone, label } = ASSIGNMENT[status];
  return <Badge tone={tone}>{label}</Badge>;
}
