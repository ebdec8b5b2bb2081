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
  const get = freshSharedBatch<never, T>(() => read(), opts);
  return () => get([]);
}

/**
 * `freshSharedRead` for reads of a set of keys (the derived cache's scope versions, issue #13,
 * ADR 0054): the callers that join a read before it starts add their keys to it, and the read is
 * given all of them. With `collectTurn` an idle caller's read starts only after the current turn of
 * the event loop, so that callers asking in the same turn (a page's loaders) share it even on an
 * idle server.
 */
export function freshSharedBatch<K, T>(read: (keys: ReadonlySet<K>) => Promise<T>, opts: { minIntervalMs?: number; collectTurn?: boolean } = {}): (keys: Iterable<K>) => Promise<T> {
  const interval = opts.minIntervalMs ?? 0;
  let running: Promise<T> | undefined;
  let next: { keys: Set<K>; read: Promise<T> } | undefined;
  let lastStart = -Infinity;
  const start = (keys: ReadonlySet<K>): Promise<T> => {
    lastStart = performance.now();
    const p = read(keys);
    running = p;
    const clear = () => {
      if (running === p) running = undefined;
    };
    p.then(clear, clear);
    return p;
  };
  /**
   * Waits until `interval` has passed since the last read started (at once when it has). A timer
   * counts whole milliseconds from the event loop's cached clock and may fire up to a millisecond
   * early by `performance.now()`: it waits the rounded-up rest and checks again (a CI run saw a
   * second /healthz probe start 1.65 ms after the first, with a 2 ms interval).
   */
  const spaced = async (): Promise<void> => {
    for (let wait = lastStart + interval - performance.now(); wait > 0; wait = lastStart + interval - performance.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
    }
  };
  /** The next read: it starts after `after` and the interval, so after every caller that joins it before then. */
  const queue = (after: Promise<unknown>) => {
    const keys = new Set<K>();
    const batch = {
      keys,
      read: after.then(spaced).then(() => {
        if (next === batch) next = undefined;
        return start(keys);
      }),
    };
    next = batch;
    return batch;
  };
  const join = (batch: { keys: Set<K>; read: Promise<T> }, keys: Iterable<K>) => {
    for (const k of keys) batch.keys.add(k);
    return batch.read;
  };
  const afterTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  return (keys) => {
    // Joining a read that has not started yet is fresh: it starts after this caller arrived.
    if (next) return join(next, keys);
    if (running) {
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      return join(queue(opts.collectTurn ? settled.then(afterTurn) : settled), keys);
    }
    // Idle: at once (or after this turn), unless a read started less than the interval ago (under load).
    if (performance.now() - lastStart >= interval) {
      if (opts.collectTurn) return join(queue(afterTurn()), keys);
      return start(new Set(keys));
    }
    return join(queue(Promise.resolve()), keys);
  };
}
