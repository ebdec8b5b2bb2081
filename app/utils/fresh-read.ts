/**
 * One read shared by the callers that arrive while it waits to start, never by a caller that
 * arrived after it started (issue #13, docs/benchmarks.md "Stop 12").
 *
 * The public page cache reads the cache scope versions on every hit (ADR 0012): on PostgreSQL a
 * round trip that costs the app process more than the whole cache hit. A plain shared promise
 * ("single flight") would hand a caller a read that began before the caller arrived, which may
 * not see a commit the caller has already seen (a visitor who just saved through another process
 * would get the page from before the save): the cache would fail open. Here a caller either
 * starts a read itself (none running) or waits for the **next** read, which starts only when the
 * running one has settled, so after the caller's arrival. Every caller thus gets a read that
 * began after it asked, and under load one read serves all who arrived during the previous one.
 * A failed read fails its callers only; the next call reads anew.
 *
 * `minIntervalMs` spaces the reads under load: a read starts no sooner than that after the one
 * before it started, and the callers who arrive in between share it. An idle caller (no read for
 * that long) reads at once, so only a loaded server waits, at most that long, and then makes one
 * round trip for many requests instead of one for one or two (the page cache on PostgreSQL).
 */
export function freshSharedRead<T>(read: () => Promise<T>, opts: { minIntervalMs?: number } = {}): () => Promise<T> {
  const interval = opts.minIntervalMs ?? 0;
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  let lastStart = -Infinity;
  const start = (): Promise<T> => {
    lastStart = performance.now();
    const p = read();
    running = p;
    const clear = () => {
      if (running === p) running = undefined;
    };
    p.then(clear, clear);
    return p;
  };
  /** Waits until `interval` has passed since the last read started (at once when it has). */
  const spaced = (): Promise<void> => {
    const wait = lastStart + interval - performance.now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
  /** The next read: it starts after `after` and the interval, so after every caller that joins it before then. */
  const queue = (after: Promise<unknown>) => {
    next = after
      .then(spaced)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
  return () => {
    // Joining a read that has not started yet is fresh: it starts after this caller arrived.
    if (next) return next;
    if (running) {
      return queue(
        running.then(
          () => undefined,
          () => undefined,
        ),
      );
    }
    // Idle: at once, unless a read started less than the interval ago (under load).
    if (performance.now() - lastStart >= interval) return start();
    return queue(Promise.resolve());
  };
}
