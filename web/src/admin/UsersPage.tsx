import { useState } from 'react';
import { ROLES, displayName, type Role, type User } from '../auth/api';
import { useSession } from '../auth/session';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Field, Input, Loading, useToast } from '../ui';
import { usersApi } from './api';
import { AdminNav } from './AdminNav';
import { creditsPagePath } from './credits/links';
import './admin.css';

const GRANTABLE = ROLES.filter((r) => r !== 'user');

const ROLE_HELP: Record<Role, string> = {
  user: 'Chats, rates and reports',
  trainer: 'Triages reports, ranks replies, writes demonstrations',
  judge: 'Scores contest entries',
  operator: 'Runs training, promotes and rolls back models',
  admin: 'Manages people, roles and contests',
};

/** Admins: everyone's roles, granted and revoked with one click. */
export default function UsersPage() {
  const { user: me, refresh } = useSession();
  const toast = useToast();
  const [pages, setPages] = useState<{ more: User[]; cursor: string | null } | null>(null);
  const first = useAsync((signal) => usersApi.list(null, signal), 'admin-users');
  const [loadingMore, setLoadingMore] = useState(false);
  /** Role changes on their way to the server, shown at once: `${userId}:${role}` → wanted state. */
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [filter, setFilter] = useState('');
  const [edited, setEdited] = useState<Record<string, User>>({});

  const users = [...(first.data?.data ?? []), ...(pages?.more ?? [])].map((u) => edited[u.id] ?? u);
  const cursor = pages ? pages.cursor : (first.data?.nextCursor ?? null);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? users.filter((u) => `${u.email} ${u.displayName ?? ''}`.toLowerCase().includes(needle))
    : users;

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await usersApi.list(cursor);
      setPages((p) => ({ more: [...(p?.more ?? []), ...page.data], cursor: page.nextCursor }));
    } catch (error) {
      toast(`Could not load more people: ${errorMessage(error)}`, 'danger');
    } finally {
      setLoadingMore(false);
    }
  };

  const toggle = async (user: User, role: Role, grant: boolean) => {
    const key = `${user.id}:${role}`;
    setPending((p) => ({ ...p, [key]: grant }));
    try {
      const updated = grant ? await usersApi.grant(user.id, role) : await usersApi.revoke(user.id, role);
      setEdited((e) => ({ ...e, [updated.id]: updated }));
      toast(`${grant ? 'Granted' : 'Revoked'} ${role} ${grant ? 'to' : 'from'} ${displayName(updated)}`);
      if (updated.id === me?.id) void refresh();
    } catch (error) {
      toast(`Could not change the role: ${errorMessage(error)}`, 'danger');
    } finally {
      setPending(({ [key]: _done, ...rest }) => rest);
    }
  };

  return (
    <div className="page">
      <AdminNav />
      <div className="page__header">
        <div>
          <h1>Users</h1>
          <p className="page__subtitle">Grant and revoke roles. Every change is recorded in the audit log.</p>
        </div>
        <Field label="Filter by name or email" hideLabel className="users__filter">
          <Input
            type="search"
            placeholder="Filter by name or email"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </Field>
      </div>

      <Card flush>
        {first.status === 'loading' && <Loading label="Loading people" />}
        {first.status === 'error' && (
          <div className="card__body">
            <Alert
              tone="danger"
              title="Could not load people"
              actions={
                <Button size="sm" onClick={first.reload}>
                  Retry
                </Button>
              }
            >
              {errorMessage(first.error)}
            </Alert>
          </div>
        )}
        {first.data && (
          <div className="table-wrap">
            <table className="table users">
              <caption className="visually-hidden">People and their roles</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Joined</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <div className="users__name">
                        {displayName(user)} {user.id === me?.id && <Badge tone="accent">you</Badge>}
                      </div>
                      {user.displayName && <div className="users__email">{user.email}</div>}
                      <Link
                        to={creditsPagePath(user.id)}
                        className="users__email"
                        aria-label={`Credits of ${user.email}`}
                      >
                        Credits
                      </Link>
                    </td>
                    <td>
                      <fieldset className="roles">
                        <legend className="visually-hidden">Roles of {user.email}</legend>
                        {GRANTABLE.map((role) => {
                          const key = `${user.id}:${role}`;
                          const has = pending[key] ?? user.roles.includes(role);
                          const self = user.id === me?.id && role === 'admin';
                          return (
                            <label
                              key={role}
                              className={`role-chip ${has ? 'role-chip--on' : ''}`}
                              title={self ? 'You cannot remove your own admin role' : ROLE_HELP[role]}
                            >
                              <input
                                type="checkbox"
                                checked={has}
                                disabled={self || key in pending}
                                onChange={(e) => void toggle(user, role, e.target.checked)}
                              />
                              {role}
                            </label>
                          );
                        })}
                      </fieldset>
                    </td>
                    <td className="users__joined">{formatDateTime(user.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length === 0 && <p className="empty">No one matches “{filter}”.</p>}
          </div>
        )}
        {cursor && (
          <div className="card__body users__more">
            <Button size="sm" loading={loadingMore} onClick={() => void loadMore()}>
              Load more
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
