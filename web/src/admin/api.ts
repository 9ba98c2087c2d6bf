import type { Role, User } from '../auth/api';
import { api, query, type Page } from '../lib/api';

export const usersApi = {
  list: (cursor?: string | null, signal?: AbortSignal) =>
    api.get<Page<User>>(`/admin/users${query({ limit: 50, cursor })}`, signal),
  grant: (userId: string, role: Role) =>
    api.put<User>(`/admin/users/${encodeURIComponent(userId)}/roles/${role}`),
  revoke: (userId: string, role: Role) =>
    api.delete<User>(`/admin/users/${encodeURIComponent(userId)}/roles/${role}`),
};
