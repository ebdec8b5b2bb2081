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
 */
export function freshSharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const p = read();
    running = p;
    const clear = () => {
      if (running === p) running = undefined;
    };
    p.then(clear, clear);
    return p;
  };
  return () => {
    if (!running) return start();
    if (!next) {
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      next = settled.then(() => {
        next = undefined;
        return start();
      });
    }
    return next;
  };
}
