import { sql, type RawBuilder } from "kysely";
import { derived } from "./derived-cache.server";
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

/**
 * A list's total for one filter, kept as derived data while the data behind it is unchanged
 * (`derived`, ADR 0019, 0054): `scopes` must cover every table the count reads (the derived-cache
 * test runs the lists with every filter and names a table that bumps none of them). The page's own
 * query then carries no count, and on PostgreSQL it can keep one plan: with the count as a
 * sub-query its kept plan was costed on an average status and lost to a plan made anew for every
 * request (0.4–1 ms of the backend's CPU).
 */
export function cachedCount(key: string, scopes: readonly string[], count: () => Promise<number | string | bigint>): Promise<number> {
  return derived(`count:${key}`, scopes, async () => Number(await count()));
}

/**
 * A list's page and its total where the total is kept as derived data (`cachedCount`): the first
 * page and the count's version read at once; a later page of a clamped list after the count.
 * `page` writes its size and offset with `literalCount`.
 */
export async function pageWithCachedCount<R>(
  requested: number,
  pageSize: number,
  q: { key: string; scopes: readonly string[]; count: () => Promise<number | string | bigint>; page: (page: number) => Promise<R[]>; clamp?: boolean },
): Promise<{ rows: R[]; total: number; page: number }> {
  const wanted = Math.max(1, requested);
  const total = () => cachedCount(q.key, q.scopes, q.count);
  if (q.clamp && wanted > 1) {
    const t = await total();
    const page = clampPage(wanted, t, pageSize);
    return { rows: await q.page(page), total: t, page };
  }
  const [t, rows] = await Promise.all([total(), q.page(wanted)]);
  return { rows, total: t, page: wanted };
}

/**
 * A page size or offset written into the query as a number instead of a parameter: PostgreSQL costs
 * a plan kept for a text with `limit $1` as if a tenth of the rows were wanted, so it planned a
 * paged query anew every time; with the number in the text the kept plan is the right one (ADR
 * 0054). Only ever a whole number the code computed, never text from a request.
 */
export function literalCount(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`literalCount: ${n} is not a whole number of rows`);
  return sql.lit(n);
}
