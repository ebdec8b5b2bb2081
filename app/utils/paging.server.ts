import { clampPage } from "./params";

/**
 * A list's page and its count in one round trip (ADR 0051): the page's query carries the count as
 * a scalar sub-query (`withTotal`), so every row holds the total. No row means that nothing matched
 * (page 1) or that the page lies beyond the last; only then is the count read on its own.
 *
 * With `clamp`, a page number beyond the last shows the last page: a later page needs the count
 * before it can be chosen, so it is read first and the page without the sub-query (`page`).
 */
export async function pageWithCount<R>(
  requested: number,
  pageSize: number,
  q: {
    withTotal: (page: number) => Promise<(R & { total: number | string | bigint | null })[]>;
    count: () => Promise<number | string | bigint>;
    clamp?: { page: (page: number) => Promise<R[]> };
  },
): Promise<{ rows: R[]; total: number; page: number }> {
  const wanted = Math.max(1, requested);
  if (q.clamp && wanted > 1) {
    const total = Number(await q.count());
    const page = clampPage(wanted, total, pageSize);
    return { rows: await q.clamp.page(page), total, page };
  }
  const withTotal = await q.withTotal(wanted);
  const rows = withTotal.map(({ total: _total, ...row }) => row as unknown as R);
  const total = withTotal.length ? Number(withTotal[0].total) : wanted === 1 ? 0 : Number(await q.count());
  return { rows, total, page: wanted };
}
