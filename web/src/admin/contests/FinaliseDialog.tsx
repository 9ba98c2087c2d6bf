import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Dialog, useToast } from '../../ui';
import { contestsApi, type Contest, type Standing, type Standings } from './api';
import type { AwardPreview } from './awards';
import { entryWho } from './people';

interface Props {
  open: boolean;
  contest: Contest;
  standings: Standings;
  preview: { rows: AwardPreview<Standing>[]; total: number };
  onClose: () => void;
  onFinalised: (contest: Contest) => void;
}

/** Finalising pays real credits and cannot be undone: the admin sees exactly who gets what first. */
export function FinaliseDialog({ open, contest, standings, preview, onClose, onFinalised }: Props) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const winners = preview.rows.filter((r) => r.award > 0);

  const finalise = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await contestsApi.finalise(contest.slug);
      const paid = result.results.reduce((sum, r) => sum + r.award, 0);
      const winners = result.results.filter((r) => r.award > 0).length;
      toast(`Finalised: ${paid} credits paid to ${winners} winner${winners === 1 ? '' : 's'}`);
      onFinalised(result.contest);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="md"
      title="Finalise and pay the awards?"
      description="The ranking becomes final, the awards are paid into the winners' credit balances and the results are published. This cannot be undone."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Not yet
          </Button>
          <Button variant="primary" loading={busy} onClick={() => void finalise()}>
            Finalise and pay {preview.total} credits
          </Button>
        </>
      }
    >
      <div className="stack">
        {error && (
          <Alert tone="danger" title="The contest was not finalised">
            {error}
          </Alert>
        )}
        {standings.pendingScores > 0 && (
          <Alert tone="warning" title="Scores still to come">
            {standings.pendingScores} assigned score{standings.pendingScores === 1 ? ' is' : 's are'} missing:
            finalising is possible once all are in, or after the judging deadline.
          </Alert>
        )}
        <p>
          Judges&apos; agreement:{' '}
          <strong>{standings.agreement === null ? 'not measured' : standings.agreement.toFixed(2)}</strong> ·{' '}
          {preview.rows.length} ranked entr{preview.rows.length === 1 ? 'y' : 'ies'}
        </p>
        {winners.length === 0 ? (
          <p className="muted">No entry would win an award.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption>Awards to be paid</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Score</th>
                  <th scope="col">Award</th>
                </tr>
              </thead>
              <tbody>
                {winners.map(({ standing: s, award }) => (
                  <tr key={s.entryId}>
                    <td className="contests__num">{s.rank}</td>
                    <td>{entryWho(contest, s)}</td>
                    <td className="contests__num">{s.score.toFixed(2)}</td>
                    <td className="contests__num">{award} credits</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="contests__num">
                    {preview.total} of {contest.prizePool} credits
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </div>
    </Dialog>
  );
}
