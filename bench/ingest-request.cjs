// autocannon's setupRequest hook for `npm run bench:ingest`, loaded by require() in autocannon's worker
// thread: a fresh Idempotency-Key per request, so every submission is a new report through the key lookup.
module.exports = (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': globalThis.crypto.randomUUID() } });
