import { formatDateTime } from '../../lib/format';
import { Badge, type Tone } from '../../ui';
import type { LedgerEntry } from './api';

const KIND_TONE: Record<string, Tone> = {
  grant: 'success',
  award: 'accent',
  usage: 'neutral',
  adjustment: 'info',
};

export function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0) return <p className="empty">No credits have moved yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table ledger">
        <caption className="visually-hidden">Ledger, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">Amount</th>
            <th scope="col">Balance after</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="ledger__date">{formatDateTime(e.createdAt)}</td>
              <td>
                <Badge tone={KIND_TONE[e.kind] ?? 'neutral'}>{e.kind}</Badge>
              </td>
              <td className={`ledger__num ${e.amount < 0 ? 'ledger__num--out' : ''}`}>
                {e.amount > 0 ? '+' : ''}
                {e.amount}
              </td>
              <td className="ledger__num">{e.balanceAfter}</td>
              <td className="ledger__reason">{e.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
