import { useState } from 'react';
import { paths } from '../../app/paths';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Card, Loading, Tabs } from '../../ui';
import { ChevronLeftIcon } from '../../ui/icons';
import { contestsApi, type Contest } from './api';
import { EntriesCard } from './EntriesCard';
import { JudgesCard } from './JudgesCard';
import { SettingsCard } from './SettingsCard';
import { StandingsCard } from './StandingsCard';
import { StatusActions } from './StatusActions';
import { StatusBadge } from './StatusBadge';
import { AdminNav } from '../AdminNav';
import './contests.css';

/** Admins: one contest — its settings, entries, judges, standings, and moving it forward to finalised. */
export default function ContestPage({ slug }: { slug: string }) {
  const contest = useAsync((signal) => contestsApi.get(slug, signal), `contest:${slug}`);
  const [tab, setTab] = useState('settings');
  const data = contest.data;

  /** A change made by a card: shown at once, and the history fetched again. */
  const changed = (next: Contest) => {
    contest.setData((d) => ({ ...d, ...next }));
    contest.reload();
  };

  return (
    <div className="page">
      <AdminNav />
      <Link to={paths.manageContests} className="contest__back">
        <ChevronLeftIcon size={16} /> All contests
      </Link>
      {contest.status === 'loading' && !data && <Loading label="Loading the contest" />}
      {contest.status === 'error' && (
        <Alert
          tone="danger"
          title="Could not load the contest"
          actions={
            <Button size="sm" onClick={contest.reload}>
              Retry
            </Button>
          }
        >
          {errorMessage(contest.error)}
        </Alert>
      )}
      {data && (
        <>
          <div className="page__header">
            <div>
              <h1 className="contest__heading">
                {data.title} <StatusBadge status={data.status} />
              </h1>
              <p className="page__subtitle">
                <span className="mono">{data.slug}</span> · entries {formatDateTime(data.opensAt)} –{' '}
                {formatDateTime(data.closesAt)} · judging until {formatDateTime(data.judgingDeadline)}
              </p>
            </div>
            <div className="row">
              {data.status === 'judging' && tab !== 'standings' && (
                <Button variant="primary" onClick={() => setTab('standings')}>
                  Review standings and finalise
                </Button>
              )}
              <StatusActions contest={data} onChanged={changed} />
            </div>
          </div>
          {data.status === 'finalised' && (
            <Alert tone="success" title="Finalised">
              Awards were paid on {formatDateTime(data.finalisedAt)}
              {data.agreement !== null && ` · judges' agreement ${data.agreement.toFixed(2)}`}.
            </Alert>
          )}
          <div className="contest__tabs">
            <Tabs
              label="Contest sections"
              value={tab}
              onChange={setTab}
              tabs={[
                {
                  id: 'settings',
                  label: 'Settings',
                  content: <SettingsCard contest={data} onSaved={changed} />,
                },
                { id: 'entries', label: 'Entries', content: <EntriesCard contest={data} /> },
                { id: 'judges', label: 'Judges', content: <JudgesCard contest={data} /> },
                {
                  id: 'standings',
                  label: 'Standings',
                  content: <StandingsCard contest={data} onFinalised={changed} />,
                },
                { id: 'history', label: 'History', content: <HistoryCard contest={data} /> },
              ]}
            />
          </div>
        </>
      )}
    </div>
  );
}

function HistoryCard({
  contest,
}: {
  contest: { history: { action: string; data: Record<string, unknown>; at: string }[] };
}) {
  return (
    <Card title="History" description="Every change, from the audit log.">
      {contest.history.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <ol className="contest__history">
          {contest.history.map((h, i) => (
            <li key={i}>
              <span className="muted">{formatDateTime(h.at)}</span> {describe(h)}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function describe(h: { action: string; data: Record<string, unknown> }): string {
  if (h.action === 'contest.status') return `Moved from ${String(h.data.from)} to ${String(h.data.to)}`;
  if (h.action === 'contest.create') return 'Created';
  if (h.action === 'contest.update') {
    const fields = Array.isArray(h.data.fields)
      ? h.data.fields.filter((f) => f !== 'rulesVersion').join(', ')
      : '';
    const parts = [
      fields,
      h.data.rubric ? 'rubric' : '',
      h.data.rulesVersion ? `rules (now version ${String(h.data.rulesVersion)})` : '',
    ].filter(Boolean);
    return `Edited${parts.length ? `: ${parts.join(', ')}` : ''}`;
  }
  return h.action;
}
