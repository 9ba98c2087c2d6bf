import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { Alert, Badge, Button, Card, Loading, useToast } from '../../ui';
import { contestsApi, type Contest, type Standing } from './api';
import { previewAwards } from './awards';
import { FinaliseDialog } from './FinaliseDialog';
import { entryLabel, entryWho } from './people';

/** The live ranking, the judges' agreement, a preview of the awards, and finalising. */
export function StandingsCard({
  contest,
  onFinalised,
}: {
  contest: Contest;
  onFinalised: (c: Contest) => void;
}) {
  const toast = useToast();
  const standings = useAsync(
    (signal) => contestsApi.standings(contest.slug, signal),
    `standings:${contest.slug}:${contest.status}`,
  );
  const [confirming, setConfirming] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const data = standings.data;
  const preview = data ? previewAwards(data.standings, contest) : null;
  const finalised = contest.status === 'finalised';

  const extraJudge = async (s: Standing) => {
    setAdding(s.entryId);
    try {
      await contestsApi.extraJudge(contest.slug, s.entryId);
      toast(`Another judge was assigned to ${entryLabel(s.entryId)}`);
      standings.reload();
    } catch (e) {
      toast(`Could not add a judge: ${errorMessage(e)}`, 'danger');
    } finally {
      setAdding(null);
    }
  };

  return (
    <Card
      flush
      title={finalised ? 'Final standings' : 'Standings'}
      description={
        data
          ? `Judges' agreement ${data.agreement === null ? 'not measured yet' : data.agreement.toFixed(2)} · ${data.pendingScores} score${data.pendingScores === 1 ? '' : 's'} still to come${data.unjudged.length ? ` · ${data.unjudged.length} entr${data.unjudged.length === 1 ? 'y' : 'ies'} not judged yet` : ''}`
          : undefined
      }
      actions={
        <>
          <Button size="sm" variant="ghost" onClick={standings.reload}>
            Refresh
          </Button>
          {contest.status === 'judging' && (
            <Button size="sm" variant="primary" disabled={!data} onClick={() => setConfirming(true)}>
              Finalise…
            </Button>
          )}
        </>
      }
    >
      {standings.status === 'loading' && !data && <Loading label="Loading the standings" />}
      {standings.status === 'error' && (
        <div className="card__body">
          <Alert tone="danger" title="Could not load the standings">
            {errorMessage(standings.error)}
          </Alert>
        </div>
      )}
      {data && data.standings.length === 0 && <p className="empty">No entry has been scored yet.</p>}
      {preview && preview.rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Standings</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Entry</th>
                <th scope="col">Score</th>
                <th scope="col">Judges</th>
                <th scope="col">{finalised ? 'Award' : 'Award if finalised now'}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map(({ standing: s, award }) => (
                <tr key={s.entryId}>
                  <td className="contests__num">{s.rank}</td>
                  <td>
                    {entryWho(contest, s)}
                    {!s.awardEligible && (
                      <div className="muted contests__slug">{s.awardNote ?? 'Cannot win'}</div>
                    )}
                  </td>
                  <td className="contests__num">
                    {s.score.toFixed(2)} <span className="muted">(raw {s.rawScore.toFixed(2)})</span>
                  </td>
                  <td>
                    <div className="row">
                      <span className="contests__num">{s.judges}</span>
                      {s.flagged && <Badge tone="warning">judges disagree</Badge>}
                      {s.flagged && contest.status === 'judging' && (
                        <Button
                          size="sm"
                          variant="ghost"
                          loading={adding === s.entryId}
                          onClick={() => void extraJudge(s)}
                        >
                          Add a judge
                        </Button>
                      )}
                    </div>
                  </td>
                  <td className="contests__num">{award} credits</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="contests__total">
            {preview.total} of {contest.prizePool} credits in the pool{finalised ? ' paid' : ' would be paid'}
          </p>
        </div>
      )}
      {data && preview && (
        <FinaliseDialog
          open={confirming}
          contest={contest}
          standings={data}
          preview={preview}
          onClose={() => setConfirming(false)}
          onFinalised={(c) => {
            setConfirming(false);
            onFinalised(c);
          }}
        />
      )}
    </Card>
  );
}
