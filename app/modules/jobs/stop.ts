/**
 * The stop of this process's background jobs, reachable from `scripts/serve.ts`: the server file
 * and the app build are separate bundles, so the jobs (started in the build) register their stop
 * under a global key. Kept free of imports, so the server file loads nothing else with it.
 */
const STOP = Symbol.for("ehrenamt-hub.background.stop");
type G = typeof globalThis & { [STOP]?: () => Promise<void> };

export function registerBackgroundStop(stop: () => Promise<void>) {
  (globalThis as G)[STOP] = stop;
}

/**
 * Stops the background jobs and resolves when the work they had started is done: a mail being
 * handed to the SMTP server is finished (and marked sent) instead of cut off, which would send it
 * again once its lease ran out. Resolves at once where no jobs run.
 */
export function stopBackgroundJobs(): Promise<void> {
  return (globalThis as G)[STOP]?.() ?? Promise.resolve();
}
