import { useState } from 'react';
import { paths } from '../app/paths';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Badge, Button, Card, Loading, type Tone } from '../ui';
import './credits.css';
import { creditsApi, formatCredits, type LedgerEntry, type LedgerKind } from './creditsApi';

const KIND: Record<LedgerKind, { tone: Tone; label: string }> = {
  award: { tone: 'success', label: 'Award' },
  grant: { tone: 'info', label: 'Grant' },
  adjustment: { tone: 'warning', label: 'Adjustment' },
  usage: { tone: 'neutral', label: 'Usage' },
};

/** The credit balance (contest awards and grants pay for API usage) and the ledger behind it, newest first. */
export function CreditsCard() {
  const balance = useAsync((signal) => creditsApi.balance(signal), 'credits-balance');
  const first = useAsync((signal) => creditsApi.ledger(null, signal), 'credits-ledger');
  const [more, setMore] = useState<{ rows: LedgerEntry[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const rows = [...(first.data?.data ?? []), ...(more?.rows ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await creditsApi.ledger(cursor);
      setMore((m) => ({ rows: [...(m?.rows ?? []), ...page.data], cursor: page.nextCursor }));
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };
  const retry = () => {
    setMore(null);
    balance.reload();
    first.reload();
  };

  return (
    <Card
      title="Credits"
      description={
        <>
          <Link to={paths.compete}>Contest</Link> awards and grants land here; API usage draws on them.
        </>
      }
      flush
    >
      <div className="card-inset">
        {balance.data && (
          <p className="credits__balance" data-testid="credit-balance">
            <span className="credits__amount">{formatCredits(balance.data.balance)}</span> credits
          </p>
        )}
        {(balance.status === 'error' || first.status === 'error') && (
          <Alert
            tone="danger"
            title="Could not load your credits"
            actions={
              <Button size="sm" onClick={retry}>
                Retry
              </Button>
            }
          >
            {errorMessage(balance.error ?? first.error)}
          </Alert>
        )}
      </div>
      {(balance.status === 'loading' || first.status === 'loading') && !first.data && (
        <Loading label="Loading your credits" />
      )}
      {first.data && rows.length === 0 && <p className="empty">No credit movements yet.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table ledger">
            <caption className="visually-hidden">Credit ledger, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="ledger__when">{formatDateTime(e.createdAt)}</td>
                  <td>
                    <Badge tone={KIND[e.kind].tone}>{KIND[e.kind].label}</Badge>{' '}
                    {e.reason && <span className="ledger__reason">{e.reason}</span>}
                  </td>
                  <td className={`num ${e.amount < 0 ? 'ledger__debit' : 'ledger__credit'}`}>
                    {formatCredits(e.amount, { sign: true })}
                  </td>
                  <td className="num">{formatCredits(e.balanceAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursor || moreError) && (
        <div className="card-inset ledger__more">
          {moreError && <Alert tone="danger">{moreError}</Alert>}
          <Button size="sm" loading={loadingMore} onClick={() => void loadMore()}>
            Show older entries
          </Button>
        </div>
      )}
    </Card>
  );
}
