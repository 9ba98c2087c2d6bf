/** Injection token for the PostgreSQL URL the app runs on (pg-boss opens its own pool on it). */
export const DATABASE_URL = Symbol('DATABASE_URL');
