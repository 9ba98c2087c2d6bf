import { api } from '../lib/api';

export const ROLES = ['user', 'trainer', 'judge', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  roles: Role[];
  createdAt: string;
}

export const authApi = {
  me: (signal?: AbortSignal) => api.get<User>('/auth/me', signal),
  login: (email: string, password: string) => api.post<User>('/auth/login', { email, password }),
  register: (input: { email: string; password: string; displayName?: string }) =>
    api.post<User>('/auth/register', input),
  logout: () => api.post<void>('/auth/logout'),
};

export function hasAnyRole(user: User | null, roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return !!user && roles.some((role) => user.roles.includes(role));
}

export function displayName(user: User): string {
  return user.displayName?.trim() || user.email;
}
