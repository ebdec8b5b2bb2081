/**
 * The interval of `freshSharedRead` measured on the real clock. A file of its own: the fake timers of
 * tests/unit/fresh-read.test.ts (they fake `performance` too) must not share a module with it.
 */
import { describe, expect, it } from "vitest";
import { freshSharedRead } from "~/utils/fresh-read";

describe("freshSharedRead's interval on the real clock", () => {
  it("reads one after another start at least the interval apart by performance.now(), though a timer may fire early", async () => {
    // Real timers on purpose: a Node timer counts whole milliseconds from the event loop's cached
    // clock. Waiting once for the fractional rest, 296 of 299 reads in a trial run started within 0.1 ms of
    // the one before, with a 2 ms interval (and a CI run's /healthz test saw 1.65 ms).
    const starts: number[] = [];
    const get = freshSharedRead(
      async () => {
        starts.push(performance.now());
        await new Promise((r) => setImmediate(r));
        return starts.length;
      },
      { minIntervalMs: 2 },
    );
    for (let i = 0; i < 100; i++) await get();
    const gaps = starts.slice(1).map((s, i) => s - starts[i]);
    expect(gaps).toHaveLength(99);
    expect(gaps.filter((g) => g < 2)).toEqual([]);
  });
});
