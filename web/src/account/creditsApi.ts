import { api, query, type Page } from '../lib/api';

export type LedgerKind = 'award' | 'grant' | 'adjustment' | 'usage';

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  amount: number;
  balanceAfter: number;
  reason: string | null;
  refType: string | null;
  refId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export const creditsApi = {
  balance: (signal?: AbortSignal) =>
    api.get<{ balance: number; unit: 'credits' }>('/credits/balance', signal),
  ledger: (cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<LedgerEntry>>(`/credits/ledger${query({ limit: 20, cursor })}`, signal),
};

export const notificationsApi = {
  list: (cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<Notice> & { unread: number }>(`/notifications${query({ limit: 20, cursor })}`, signal),
  read: (id: string) => api.post<Notice>(`/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => api.post<{ marked: number }>('/notifications/read-all'),
};

/** Credits have up to 6 decimals; people read 2 (more only when that is all there is, e.g. 0.0003). */
export function formatCredits(amount: number, { sign = false } = {}): string {
  const abs = Math.abs(amount);
  const digits = abs !== 0 && abs < 0.01 ? 6 : 2;
  const text = abs.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: digits });
  return `${amount < 0 ? '−' : sign && amount > 0 ? '+' : ''}${text}`;
}
