import { useState } from 'react';
import { displayName } from '../../auth/api';
import { errorMessage } from '../../lib/api';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Card, Field, Loading, Select, useToast } from '../../ui';
import { loadPeople } from '../credits/api';
import { contestsApi, type Contest, type PanelJudge } from './api';

/** The contest's judges (people holding the judge role), and assigning every eligible entry to them. */
export function JudgesCard({ contest }: { contest: Contest }) {
  const toast = useToast();
  const panel = useAsync((signal) => contestsApi.judges(contest.slug, signal), `judges:${contest.slug}`);
  const people = useAsync(loadPeople, 'people');
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const closed = contest.status === 'finalised' || contest.status === 'cancelled';

  const onPanel = new Set(panel.data?.data.map((j) => j.userId));
  const candidates = (people.data ?? []).filter((p) => p.roles.includes('judge') && !onPanel.has(p.id));

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (e) {
      toast(errorMessage(e), 'danger');
    } finally {
      setBusy(null);
    }
  };

  const add = () =>
    run('add', async () => {
      const id = chosen || candidates[0]?.id;
      if (!id) return;
      const { data } = await contestsApi.addJudge(contest.slug, id);
      panel.setData(() => ({ data }));
      setChosen('');
      toast('Judge added');
    });

  const remove = (judge: PanelJudge) =>
    run(judge.userId, async () => {
      const { data } = await contestsApi.removeJudge(contest.slug, judge.userId);
      panel.setData(() => ({ data }));
      toast(`${judge.email ?? 'Judge'} removed from the panel`);
    });

  const assign = () =>
    run('assign', async () => {
      const { created } = await contestsApi.assignAll(contest.slug);
      toast(
        created === 0
          ? 'Every eligible entry already has its judges'
          : `${created} assignment${created === 1 ? '' : 's'} made`,
      );
      panel.reload();
    });

  return (
    <Card
      title="Judges"
      description={`Each eligible entry goes to ${contest.judgesPerEntry} judges${contest.blind ? ', who never see who entered' : ''}.`}
      actions={
        contest.status === 'judging' && (
          <Button size="sm" variant="primary" loading={busy === 'assign'} onClick={() => void assign()}>
            Assign entries to judges
          </Button>
        )
      }
    >
      <div className="stack">
        {panel.status === 'loading' && !panel.data && <Loading label="Loading the judges" />}
        {panel.status === 'error' && (
          <Alert tone="danger" title="Could not load the judges">
            {errorMessage(panel.error)}
          </Alert>
        )}
        {panel.data?.data.length === 0 && <p className="empty">No judges yet.</p>}
        {panel.data && panel.data.data.length > 0 && (
          <ul className="judges">
            {panel.data.data.map((judge) => (
              <li key={judge.userId} className="judges__item">
                <div>
                  <div className="contests__title">{judge.displayName || judge.email}</div>
                  <div className="muted contests__slug">
                    {judge.submitted} of {judge.assigned} scored
                  </div>
                </div>
                {!closed && (
                  <Button
                    size="sm"
                    variant="ghost"
                    loading={busy === judge.userId}
                    aria-label={`Remove ${judge.email ?? 'judge'}`}
                    onClick={() => void remove(judge)}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!closed && (
          <div className="judges__add">
            {people.status === 'error' && (
              <Alert tone="danger" title="Could not load people">
                {errorMessage(people.error)}
              </Alert>
            )}
            {people.data && candidates.length === 0 ? (
              <p className="muted">
                Everyone holding the judge role is on the panel. Grant the role on the Users page to add more.
              </p>
            ) : (
              <>
                <Field label="Add a judge">
                  <Select
                    options={candidates.map((p) => ({
                      value: p.id,
                      label: p.displayName ? `${displayName(p)} (${p.email})` : p.email,
                    }))}
                    value={chosen || candidates[0]?.id || ''}
                    onChange={(e) => setChosen(e.target.value)}
                    disabled={!people.data}
                  />
                </Field>
                <Button loading={busy === 'add'} disabled={!candidates.length} onClick={() => void add()}>
                  Add judge
                </Button>
              </>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
