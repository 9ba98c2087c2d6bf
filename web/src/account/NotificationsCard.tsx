import { useState } from 'react';
import { competeResultsPath } from '../app/paths';
import { errorMessage } from '../lib/api';
import { formatRelative } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Loading, useToast } from '../ui';
import { notificationsApi, type Notice } from './creditsApi';

/** In-app notices (e.g. a contest award), newest first; unread ones stand out until marked read. */
export function NotificationsCard() {
  const toast = useToast();
  const notices = useAsync((signal) => notificationsApi.list(null, signal), 'notifications');
  const [busy, setBusy] = useState<string | null>(null);
  const unread = notices.data?.unread ?? 0;

  const markRead = async (notice: Notice) => {
    setBusy(notice.id);
    try {
      const read = await notificationsApi.read(notice.id);
      notices.setData((page) => ({
        ...page,
        unread: Math.max(0, page.unread - 1),
        data: page.data.map((n) => (n.id === read.id ? read : n)),
      }));
    } catch (e) {
      toast(`Could not mark it read: ${errorMessage(e)}`, 'danger');
    } finally {
      setBusy(null);
    }
  };
  const markAll = async () => {
    setBusy('all');
    try {
      await notificationsApi.readAll();
      notices.reload();
    } catch (e) {
      toast(`Could not mark them read: ${errorMessage(e)}`, 'danger');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={<>Notifications {unread > 0 && <Badge tone="accent">{unread} unread</Badge>}</>}
      actions={
        unread > 0 ? (
          <Button size="sm" variant="ghost" loading={busy === 'all'} onClick={() => void markAll()}>
            Mark all read
          </Button>
        ) : undefined
      }
      flush
    >
      {notices.status === 'loading' && !notices.data && <Loading label="Loading notifications" />}
      {notices.status === 'error' && (
        <div className="card-inset">
          <Alert
            tone="danger"
            title="Could not load your notifications"
            actions={
              <Button size="sm" onClick={notices.reload}>
                Retry
              </Button>
            }
          >
            {errorMessage(notices.error)}
          </Alert>
        </div>
      )}
      {notices.data?.data.length === 0 && <p className="empty">No notifications.</p>}
      {notices.data && notices.data.data.length > 0 && (
        <ul className="notices" aria-label="Notifications">
          {notices.data.data.map((n) => (
            <li key={n.id} className={`notice ${n.readAt ? '' : 'notice--unread'}`}>
              <div className="notice__main">
                <p className="notice__title">
                  {!n.readAt && <span className="visually-hidden">Unread: </span>}
                  {n.title}
                </p>
                <p className="notice__body">{n.body}</p>
                <p className="notice__meta">
                  {formatRelative(n.createdAt)}
                  {typeof n.data.contestSlug === 'string' && (
                    <Link to={competeResultsPath(n.data.contestSlug)}>See the results</Link>
                  )}
                </p>
              </div>
              {!n.readAt && (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={busy === n.id}
                  onClick={() => void markRead(n)}
                  aria-label={`Mark “${n.title}” read`}
                >
                  Mark read
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
