import { describe, expect, it } from "vitest";
import { pageWithCount } from "../../app/utils/paging.server";

/** A list of `n` items as the database would answer it: the page's rows, each with the total. */
function list(n: number, pageSize = 10) {
  const items = Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
  const calls: string[] = [];
  const slice = (page: number) => items.slice((page - 1) * pageSize, page * pageSize);
  return {
    calls,
    q: {
      withTotal: async (page: number) => (calls.push(`withTotal ${page}`), slice(page).map((r) => ({ ...r, total: String(n) }))),
      count: async () => (calls.push("count"), n),
      clamp: { page: async (page: number) => (calls.push(`page ${page}`), slice(page)) },
    },
  };
}

describe("pageWithCount", () => {
  it("reads the first page and its count in one query", async () => {
    const { q, calls } = list(23);
    expect(await pageWithCount(1, 10, q)).toEqual({ rows: Array.from({ length: 10 }, (_, i) => ({ id: i + 1 })), total: 23, page: 1 });
    expect(calls).toEqual(["withTotal 1"]);
  });

  it("answers 0 for an empty first page without asking again", async () => {
    const { q, calls } = list(0);
    expect(await pageWithCount(1, 10, q)).toEqual({ rows: [], total: 0, page: 1 });
    expect(calls).toEqual(["withTotal 1"]);
  });

  it("without clamping, a page beyond the last is empty and still counted", async () => {
    const { q, calls } = list(23);
    const { clamp: _clamp, ...unclamped } = q;
    expect(await pageWithCount(7, 10, unclamped)).toEqual({ rows: [], total: 23, page: 7 });
    expect(calls).toEqual(["withTotal 7", "count"]);
    expect((await pageWithCount(3, 10, unclamped)).rows.map((r) => r.id)).toEqual([21, 22, 23]);
  });

  it("with clamping, a later page counts first and shows the last page instead of none", async () => {
    const { q, calls } = list(23);
    expect(await pageWithCount(7, 10, q)).toEqual({ rows: [{ id: 21 }, { id: 22 }, { id: 23 }], total: 23, page: 3 });
    expect(calls).toEqual(["count", "page 3"]);
    expect((await pageWithCount(0, 10, q)).page).toBe(1);
  });
});
