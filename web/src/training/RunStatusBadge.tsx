import { Badge, type Tone } from '../ui';
import type { RunStatus } from './api';

const TONE: Record<RunStatus, Tone> = {
  queued: 'neutral',
  running: 'info',
  cancelling: 'warning',
  cancelled: 'neutral',
  succeeded: 'success',
  failed: 'danger',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
