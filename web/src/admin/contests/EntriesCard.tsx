import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { Alert, Badge, Button, Card, Loading, useToast, type Tone } from '../../ui';
import { contestsApi, type AdminEntry, type Contest } from './api';
import { DisqualifyDialog } from './DisqualifyDialog';
import { entryLabel } from './people';

const SCREENING_TONE: Record<AdminEntry['screening'], Tone> = {
  pending: 'warning',
  eligible: 'success',
  disqualified: 'danger',
};

/** Screening: each entry is marked eligible for judging, or disqualified with a reason the entrant sees. */
export function EntriesCard({ contest }: { contest: Contest }) {
  const toast = useToast();
  const entries = useAsync((signal) => contestsApi.entries(contest.slug, signal), `entries:${contest.slug}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [disqualifying, setDisqualifying] = useState<AdminEntry | null>(null);
  const screenable = contest.status === 'open' || contest.status === 'judging';

  const replace = (entry: AdminEntry) =>
    entries.setData((page) => ({ ...page, data: page.data.map((e) => (e.id === entry.id ? entry : e)) }));

  const markEligible = async (entry: AdminEntry) => {
    setBusy(entry.id);
    try {
      replace(await contestsApi.screen(contest.slug, entry.id, 'eligible'));
      toast(`${entryLabel(entry.id)} is eligible`);
    } catch (e) {
      toast(`Could not screen the entry: ${errorMessage(e)}`, 'danger');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      flush
      title="Entries"
      description={
        screenable ? 'Screen each entry before judging starts.' : `Entries of a ${contest.status} contest.`
      }
      actions={
        <Button size="sm" variant="ghost" onClick={entries.reload}>
          Refresh
        </Button>
      }
    >
      {entries.status === 'loading' && !entries.data && <Loading label="Loading entries" />}
      {entries.status === 'error' && (
        <div className="card__body">
          <Alert tone="danger" title="Could not load the entries">
            {errorMessage(entries.error)}
          </Alert>
        </div>
      )}
      {entries.data?.data.length === 0 && <p className="empty">No entries yet.</p>}
      {entries.data && entries.data.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Entries and their screening</caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Write-up</th>
                <th scope="col">Screening</th>
                <th scope="col">Judging</th>
                {screenable && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {entries.data.data.map((entry) => (
                <tr key={entry.id} aria-label={entryLabel(entry.id)}>
                  <td>
                    <div className="contests__title">{entryLabel(entry.id)}</div>
                    <div className="muted contests__slug">
                      {entry.entrant?.email ?? 'unknown entrant'} · {entry.country} · age {entry.attestedAge}
                    </div>
                    <div className="muted contests__slug">{formatDateTime(entry.createdAt)}</div>
                  </td>
                  <td>
                    <div className="entries__writeup" title={entry.writeUp}>
                      {entry.writeUp}
                    </div>
                  </td>
                  <td>
                    <Badge tone={entry.status === 'withdrawn' ? 'neutral' : SCREENING_TONE[entry.screening]}>
                      {entry.status === 'withdrawn' ? 'withdrawn' : entry.screening}
                    </Badge>
                    {entry.screeningReason && (
                      <div className="muted contests__slug">{entry.screeningReason}</div>
                    )}
                  </td>
                  <td className="contests__num">
                    {entry.judging.submitted} of {entry.judging.assigned} scored
                  </td>
                  {screenable && (
                    <td>
                      {entry.status === 'submitted' && (
                        <div className="row">
                          <Button
                            size="sm"
                            disabled={entry.screening === 'eligible'}
                            loading={busy === entry.id}
                            onClick={() => void markEligible(entry)}
                          >
                            Eligible
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            disabled={entry.screening === 'disqualified'}
                            onClick={() => setDisqualifying(entry)}
                          >
                            Disqualify
                          </Button>
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DisqualifyDialog
        slug={contest.slug}
        entry={disqualifying}
        onClose={() => setDisqualifying(null)}
        onDone={(entry) => {
          replace(entry);
          setDisqualifying(null);
          toast(`${entryLabel(entry.id)} is disqualified`);
        }}
      />
    </Card>
  );
}
