import { api } from '../lib/api';

export interface ApiKey {
  id: string;
  name: string;
  /** The start of the key, to tell keys apart (the rest is never shown again). */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const apiKeysApi = {
  list: (signal?: AbortSignal) => api.get<{ data: ApiKey[] }>('/auth/api-keys', signal),
  create: (name: string) => api.post<ApiKey & { secret: string }>('/auth/api-keys', { name }),
  revoke: (id: string) => api.delete<ApiKey>(`/auth/api-keys/${encodeURIComponent(id)}`),
};
