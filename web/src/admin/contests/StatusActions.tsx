import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { Alert, Button, Dialog, useToast } from '../../ui';
import { contestsApi, NEXT_STATUSES, type Contest } from './api';

type Move = 'open' | 'judging' | 'cancelled';

const LABEL: Record<Move, string> = {
  open: 'Open for entries',
  judging: 'Close entries and start judging',
  cancelled: 'Cancel contest',
};

function explain(move: Move, contest: Contest): string {
  if (move === 'open')
    return `The contest becomes public and accepts entries from ${formatDateTime(contest.opensAt)} until ${formatDateTime(contest.closesAt)}. Settings stay editable while it is open.`;
  if (move === 'judging')
    return 'No more entries or edits. Judges can then be assigned and score the eligible entries.';
  return 'Cancelling is final: the contest accepts nothing more and pays no awards.';
}

/** Only the moves the contest's status allows, each confirmed first; the server's refusal is shown as said. */
export function StatusActions({ contest, onChanged }: { contest: Contest; onChanged: (c: Contest) => void }) {
  const toast = useToast();
  const [asking, setAsking] = useState<Move | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const moves = NEXT_STATUSES[contest.status];
  if (moves.length === 0) return null;

  const confirm = async () => {
    if (!asking) return;
    setBusy(true);
    setError(null);
    try {
      const next = await contestsApi.move(contest.slug, asking);
      toast(`The contest is now ${next.status}`);
      setAsking(null);
      onChanged(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="row">
      {moves.map((move) => (
        <Button
          key={move}
          variant={move === 'cancelled' ? 'ghost' : 'primary'}
          onClick={() => {
            setError(null);
            setAsking(move);
          }}
        >
          {LABEL[move]}
        </Button>
      ))}
      <Dialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? `${LABEL[asking]}?` : ''}
        description={asking ? explain(asking, contest) : undefined}
        footer={
          <>
            <Button variant="ghost" onClick={() => setAsking(null)}>
              Not now
            </Button>
            <Button
              variant={asking === 'cancelled' ? 'danger' : 'primary'}
              loading={busy}
              onClick={() => void confirm()}
            >
              {asking === 'open' ? 'Open contest' : asking === 'judging' ? 'Start judging' : 'Cancel contest'}
            </Button>
          </>
        }
      >
        {error && (
          <Alert tone="danger" title="The status did not change">
            {error}
          </Alert>
        )}
      </Dialog>
    </div>
  );
}
