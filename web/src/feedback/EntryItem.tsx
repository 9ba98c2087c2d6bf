import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Alert, Badge, Button, Dialog, type Tone } from '../ui';
import { contestApi, type Entry } from './api';
import { EditEntryDialog } from './EditEntryDialog';
import { Timeline, type TimelineStep } from './Timeline';

function entryState(entry: Entry): { label: string; tone: Tone } {
  if (entry.status === 'withdrawn') return { label: 'Withdrawn', tone: 'neutral' };
  if (entry.result) return { label: `Rank ${entry.result.rank}`, tone: 'success' };
  if (entry.screening === 'disqualified') return { label: 'Disqualified', tone: 'danger' };
  if (entry.screening === 'eligible') return { label: 'Eligible', tone: 'success' };
  return { label: 'Submitted', tone: 'info' };
}

function steps(entry: Entry): TimelineStep[] {
  const out: TimelineStep[] = [{ key: 'submitted', title: 'Submitted', at: entry.createdAt }];
  if (entry.screening === 'eligible') out.push({ key: 'screened', title: 'Screened: eligible', at: null });
  if (entry.screening === 'disqualified')
    out.push({
      key: 'screened',
      title: 'Screened: disqualified',
      at: null,
      note: entry.screeningReason,
      noteBy: 'Reason',
    });
  if (entry.screening === 'pending' && entry.status === 'submitted')
    out.push({ key: 'screening', title: 'Waiting to be screened', at: null });
  if (entry.withdrawnAt) out.push({ key: 'withdrawn', title: 'Withdrawn', at: entry.withdrawnAt });
  if (entry.result) {
    const award = entry.result.award ? `, award ${entry.result.award} credits` : '';
    out.push({
      key: 'result',
      title: `Final rank ${entry.result.rank}${award}`,
      at: null,
      note: entry.awardNote,
    });
  } else if (entry.awardNote) {
    out.push({ key: 'award', title: 'Award note', at: null, note: entry.awardNote });
  }
  return out;
}

/** One of the person's contest entries: its state, history and, while the contest is open, withdrawing it. */
export function EntryItem({ entry, onChange }: { entry: Entry; onChange: (next: Entry) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = entryState(entry);
  const canChange = entry.status === 'submitted' && entry.contest.status === 'open';

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await contestApi.withdraw(entry.id));
      setConfirming(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="feedback-item" aria-label={`${entry.contest.title}, ${state.label}`}>
      <div className="feedback-item__head">
        <h3 className="feedback-item__title">{entry.contest.title}</h3>
        <Badge tone={state.tone}>{state.label}</Badge>
        <span className="muted feedback-small">{formatDateTime(entry.createdAt)}</span>
      </div>
      <p className="feedback-item__text">{entry.writeUp}</p>
      <p className="muted feedback-small">
        {entry.reportIds.length === 1 ? '1 report' : `${entry.reportIds.length} reports`} · rules version{' '}
        {entry.rulesVersion} · {entry.showName ? 'name shown in results' : 'name hidden in results'}
      </p>
      <Timeline steps={steps(entry)} label="Entry history" />
      {canChange && (
        <div className="feedback-item__actions">
          <Button size="sm" onClick={() => setEditing(true)}>
            Edit entry
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
            Withdraw entry
          </Button>
        </div>
      )}
      {editing && <EditEntryDialog entry={entry} onClose={() => setEditing(false)} onSaved={onChange} />}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Withdraw this entry?"
        description="Its reports stay filed. While the contest is open you can enter them again."
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button variant="danger" loading={busy} onClick={() => void withdraw()}>
              Withdraw
            </Button>
          </>
        }
      >
        {error && <Alert tone="danger">{error}</Alert>}
      </Dialog>
    </li>
  );
}
