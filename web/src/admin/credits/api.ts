import type { User } from '../../auth/api';
import { api, query, send, type Page } from '../../lib/api';

export interface LedgerEntry {
  id: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  reason: string | null;
  refType: string | null;
  refId: string | null;
  createdAt: string;
}

export interface UserCredits {
  userId: string;
  balance: number;
  unit: 'credits';
  ledger: Page<LedgerEntry>;
}

export interface Price {
  model: string;
  pricePer1kTokens: number;
  updatedAt: string;
}

const userPath = (userId: string) => `/admin/credits/users/${encodeURIComponent(userId)}`;

/** One key per form submission: a retried request (a double click, a dropped answer) posts once. */
const idempotent = (key: string) => ({ 'Idempotency-Key': key });

async function post<T>(path: string, body: unknown, key: string): Promise<T> {
  const res = await send('POST', path, { body, headers: idempotent(key) });
  return (await res.json()) as T;
}

export const creditsApi = {
  user: (userId: string, signal?: AbortSignal) =>
    api.get<UserCredits>(`${userPath(userId)}${query({ limit: 50 })}`, signal),
  grant: (userId: string, amount: number, reason: string, key: string) =>
    post<LedgerEntry>(`${userPath(userId)}/grants`, { amount, reason }, key),
  adjust: (userId: string, amount: number, reason: string, key: string) =>
    post<LedgerEntry>(`${userPath(userId)}/adjustments`, { amount, reason }, key),
  prices: (signal?: AbortSignal) => api.get<{ data: Price[] }>('/credits/prices', signal),
  setPrice: (model: string, pricePer1kTokens: number) =>
    api.put<Price>('/admin/credits/prices', { model, pricePer1kTokens }),
};

/** Everyone, for choosing a person (admin lists are small; at most 1000 are read). */
export async function loadPeople(signal?: AbortSignal): Promise<User[]> {
  const people: User[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const res: Page<User> = await api.get<Page<User>>(`/admin/users${query({ limit: 100, cursor })}`, signal);
    people.push(...res.data);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return people;
}
