import { afterEach, describe, expect, it, vi } from "vitest";
import { freshSharedBatch, freshSharedRead } from "~/utils/fresh-read";

/** A read whose answers the test releases one by one; `started` counts reads begun. */
function controlledRead() {
  const pending: Array<{ resolve: (v: number) => void; reject: (e: unknown) => void }> = [];
  let started = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      started += 1;
      pending.push({ resolve, reject });
    });
  const settle = async (i: number, value: number | Error) => {
    const p = pending[i];
    if (value instanceof Error) p.reject(value);
    else p.resolve(value);
    // let the chained callbacks run
    for (let k = 0; k < 5; k++) await Promise.resolve();
  };
  return { read, settle, started: () => started };
}

describe("freshSharedRead", () => {
  it("starts a read when none runs", async () => {
    const c = controlledRead();
    const get = freshSharedRead(c.read);
    const a = get();
    expect(c.started()).toBe(1);
    await c.settle(0, 7);
    await expect(a).resolves.toBe(7);
  });

  it("never hands a caller a read that started before it arrived", async () => {
    const c = controlledRead();
    const get = freshSharedRead(c.read);
    const first = get(); // read 0 starts
    const late = get(); // arrives while read 0 runs: must get read 1
    expect(c.started()).toBe(1);
    await c.settle(0, 1);
    await expect(first).resolves.toBe(1);
    expect(c.started()).toBe(2);
    await c.settle(1, 2);
    await expect(late).resolves.toBe(2);
  });

  it("shares one next read among everyone who arrived during the running one", async () => {
    const c = controlledRead();
    const get = freshSharedRead(c.read);
    get();
    const waiting = Array.from({ length: 20 }, () => get());
    await c.settle(0, 1);
    expect(c.started()).toBe(2);
    await c.settle(1, 2);
    expect(await Promise.all(waiting)).toEqual(Array(20).fill(2));
    // a caller after everything settled starts a fresh read
    const after = get();
    expect(c.started()).toBe(3);
    await c.settle(2, 3);
    await expect(after).resolves.toBe(3);
  });

  it("a failed read fails its own callers only; waiters get the next read", async () => {
    const c = controlledRead();
    const get = freshSharedRead(c.read);
    const first = get();
    const waiter = get();
    await c.settle(0, new Error("connection lost"));
    await expect(first).rejects.toThrow("connection lost");
    await c.settle(1, 5);
    await expect(waiter).resolves.toBe(5);
  });
});

describe("freshSharedRead with a minimum interval between reads", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads at once when idle; under load the next read waits for the interval and serves everyone who came meanwhile", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "performance"] });
    const c = controlledRead();
    const get = freshSharedRead(c.read, { minIntervalMs: 1 });
    const first = get();
    expect(c.started()).toBe(1);
    await c.settle(0, 1);
    await expect(first).resolves.toBe(1);
    // Within the interval after that read started: no new read yet, callers gather.
    const gathered = Array.from({ length: 5 }, () => get());
    expect(c.started()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.started()).toBe(2);
    // One arriving now (the read has started) must not get it: it waits for the next one.
    const late = get();
    await c.settle(1, 2);
    expect(await Promise.all(gathered)).toEqual(Array(5).fill(2));
    expect(c.started()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.started()).toBe(3);
    await c.settle(2, 3);
    await expect(late).resolves.toBe(3);
    // Idle for longer than the interval: the next caller reads at once.
    await vi.advanceTimersByTimeAsync(5);
    const idle = get();
    expect(c.started()).toBe(4);
    await c.settle(3, 4);
    await expect(idle).resolves.toBe(4);
  });
});

describe("freshSharedBatch: one read for the keys of everyone who joins it before it starts", () => {
  /** A read of a set of keys whose answers the test releases; `asked` holds each read's keys. */
  function controlledBatch() {
    const pending: Array<(v: string) => void> = [];
    const asked: string[][] = [];
    const read = (keys: ReadonlySet<string>) =>
      new Promise<string>((resolve) => {
        asked.push([...keys].sort());
        pending.push(resolve);
      });
    const settle = async (i: number, value: string) => {
      pending[i](value);
      for (let k = 0; k < 5; k++) await Promise.resolve();
    };
    return { read, settle, asked };
  }
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  it("gathers the keys asked for in one turn into one read that starts after the turn", async () => {
    const c = controlledBatch();
    const get = freshSharedBatch(c.read, { collectTurn: true });
    const a = get(["tasks"]);
    const b = get(["coverage", "tasks"]);
    // Nothing has been read within the turn: a caller later in it may still join.
    expect(c.asked).toEqual([]);
    await turn();
    expect(c.asked).toEqual([["coverage", "tasks"]]);
    await c.settle(0, "v1");
    expect(await Promise.all([a, b])).toEqual(["v1", "v1"]);
  });

  it("a caller arriving while a read runs gets the next one, which also reads its keys", async () => {
    const c = controlledBatch();
    const get = freshSharedBatch(c.read, { collectTurn: true });
    const first = get(["tasks"]);
    await turn();
    const late = get(["users"]);
    const later = get(["volunteers"]);
    await c.settle(0, "v1");
    await expect(first).resolves.toBe("v1");
    await turn();
    // The second read started after both late callers arrived and reads both their keys.
    expect(c.asked).toEqual([["tasks"], ["users", "volunteers"]]);
    await c.settle(1, "v2");
    expect(await Promise.all([late, later])).toEqual(["v2", "v2"]);
  });

  it("without collectTurn an idle caller reads at once", async () => {
    const c = controlledBatch();
    const get = freshSharedBatch(c.read);
    const a = get(["x"]);
    expect(c.asked).toEqual([["x"]]);
    await c.settle(0, "v");
    await expect(a).resolves.toBe("v");
  });
});
