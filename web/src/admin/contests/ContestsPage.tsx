import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { Alert, Button, Card, Field, Loading, Select } from '../../ui';
import { PlusIcon } from '../../ui/icons';
import { CONTEST_STATUSES, contestsApi, type ContestStatus } from './api';
import { CreateContestDialog } from './CreateContestDialog';
import { contestPagePath } from './links';
import { StatusBadge } from './StatusBadge';
import { AdminNav } from '../AdminNav';
import './contests.css';

const FILTERS = [
  { value: '', label: 'All statuses' },
  ...CONTEST_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })),
];

/** Admins: every contest, drafts included, and a new one. */
export default function ContestsPage() {
  const [status, setStatus] = useState<ContestStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const list = useAsync((signal) => contestsApi.list(status, signal), `contests:${status}`);

  return (
    <div className="page">
      <AdminNav />
      <div className="page__header">
        <div>
          <h1>Contests</h1>
          <p className="page__subtitle">Feedback contests and bias bounties: rules, judging and awards.</p>
        </div>
        <div className="row">
          <Field label="Status" hideLabel>
            <Select
              options={FILTERS}
              value={status}
              onChange={(e) => setStatus(e.target.value as ContestStatus | '')}
            />
          </Field>
          <Button variant="primary" icon={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            New contest
          </Button>
        </div>
      </div>

      <Card flush>
        {list.status === 'loading' && !list.data && <Loading label="Loading contests" />}
        {list.status === 'error' && (
          <div className="card__body">
            <Alert
              tone="danger"
              title="Could not load the contests"
              actions={
                <Button size="sm" onClick={list.reload}>
                  Retry
                </Button>
              }
            >
              {errorMessage(list.error)}
            </Alert>
          </div>
        )}
        {list.data && list.data.data.length === 0 && (
          <p className="empty">{status ? `No ${status} contests.` : 'No contests yet.'}</p>
        )}
        {list.data && list.data.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Contests</caption>
              <thead>
                <tr>
                  <th scope="col">Contest</th>
                  <th scope="col">Status</th>
                  <th scope="col">Entries open</th>
                  <th scope="col">Pool</th>
                </tr>
              </thead>
              <tbody>
                {list.data.data.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={contestPagePath(c.slug)} className="contests__title">
                        {c.title}
                      </Link>
                      <div className="muted mono contests__slug">{c.slug}</div>
                    </td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td className="contests__dates">
                      {formatDateTime(c.opensAt)} – {formatDateTime(c.closesAt)}
                    </td>
                    <td className="contests__num">{c.prizePool} credits</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <CreateContestDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(contest) => {
          setCreating(false);
          navigate(contestPagePath(contest.slug));
        }}
      />
    </div>
  );
}
