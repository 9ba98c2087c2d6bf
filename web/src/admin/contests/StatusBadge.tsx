import { Badge, type Tone } from '../../ui';
import type { ContestStatus } from './api';

const TONE: Record<ContestStatus, Tone> = {
  draft: 'neutral',
  open: 'success',
  judging: 'info',
  finalised: 'accent',
  cancelled: 'danger',
};

export function StatusBadge({ status }: { status: ContestStatus }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
