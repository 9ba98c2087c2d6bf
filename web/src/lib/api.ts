/**
 * The one way the web app calls the API: JSON in and out, cookies for the session, and every failure
 * turned into an ApiError carrying the API's `{ statusCode, error, message }` (or a readable stand-in).
 */

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.error = body.error;
  }

  /** No answer at all: offline, server down, or the connection dropped. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const NETWORK_ERROR: ErrorBody = {
  statusCode: 0,
  error: 'Network error',
  message: 'Could not reach the server. Check your connection and try again.',
};

/** Readable text for anything thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Calls whose 401 means "wrong password" or "not signed in yet", not "your session ended". */
const SIGN_IN_CALLS = ['/auth/login', '/auth/register', '/auth/me'];

/** Called when any other request answers 401: the session ended (expired, signed out elsewhere). */
let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const v = value as Partial<ErrorBody> | null;
  return typeof v?.statusCode === 'number' && typeof v.message === 'string';
}

/** Builds an ApiError from a failed response, whatever its body holds. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) return new ApiError(body);
  const fallback =
    res.status === 502 || res.status === 503 || res.status === 504
      ? 'The server is unavailable right now. Try again in a moment.'
      : `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`;
  return new ApiError({ statusCode: res.status, error: res.statusText || 'Error', message: fallback });
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Extra headers, e.g. `Accept: text/event-stream`. */
  headers?: Record<string, string>;
}

/** fetch() with the API's conventions; resolves to the raw Response when it is OK. */
export async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(NETWORK_ERROR);
  }
  if (!res.ok) {
    const error = await errorFromResponse(res);
    if (error.status === 401 && !SIGN_IN_CALLS.includes(path)) onUnauthorized?.();
    throw error;
  }
  return res;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const res = await send(method, path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => json<T>('GET', path, { signal }),
  post: <T>(path: string, body: unknown = {}) => json<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => json<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => json<T>('DELETE', path),
};

/** `?limit=&cursor=` pages, as every list route answers them. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
