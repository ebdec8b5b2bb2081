import { sql } from "kysely";
import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";
import { CATEGORY_NAME_COLUMNS } from "./category-names";

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Figures for reports: offers received, matched and handed over per month and top-level
 * category, and the median days from a need to its fulfilment. Anonymous by construction
 * (counts only), so erased households still count.
 */
export async function donationFigures(actor: Actor) {
  if (!can(actor, "manage:donation:any")) return null;
  const db = getDb();
  // Counted per category here, summed per top-level category below (the office may nest deeper).
  const top = sql<number>`c.id`;
  const month = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, 7)`;
  const [received, matched, handed, needs, categories] = await Promise.all([
    db
      .selectFrom("donation_offer as o")
      .innerJoin("donation_category as c", "c.id", "o.category_id")
      .select((eb) => [month("o.created_at").as("month"), top.as("category"), eb.fn.countAll<number>().as("n")])
      .where("o.confirmed_at", "is not", null)
      .groupBy(["month", "category"])
      .execute(),
    db
      .selectFrom("donation_match as m")
      .innerJoin("donation_offer as o", "o.id", "m.offer_id")
      .innerJoin("donation_category as c", "c.id", "o.category_id")
      .select((eb) => [month("m.created_at").as("month"), top.as("category"), eb.fn.countAll<number>().as("n")])
      .groupBy(["month", "category"])
      .execute(),
    db
      .selectFrom("donation_match as m")
      .innerJoin("donation_offer as o", "o.id", "m.offer_id")
      .innerJoin("donation_category as c", "c.id", "o.category_id")
      .select((eb) => [month("m.outcome_at").as("month"), top.as("category"), eb.fn.countAll<number>().as("n")])
      .where("m.state", "=", "handed_over")
      .groupBy(["month", "category"])
      .execute(),
    db.selectFrom("donation_need").select(["created_at", "fulfilled_at"]).where("status", "=", "fulfilled").where("fulfilled_at", "is not", null).execute(),
    db.selectFrom("donation_category").select(["id", "parent_id", ...CATEGORY_NAME_COLUMNS]).orderBy("sort_order").execute(),
  ]);
  const parent = new Map(categories.map((c) => [c.id, c.parent_id]));
  const topOf = (id: number) => {
    let cur = id;
    for (let guard = 0; parent.get(cur) != null && guard < 32; guard++) cur = parent.get(cur)!;
    return cur;
  };
  const rows = new Map<string, { month: string; category: number; received: number; matched: number; handedOver: number }>();
  const add = (list: Array<{ month: string; category: number; n: number }>, key: "received" | "matched" | "handedOver") => {
    for (const r of list) {
      const category = topOf(Number(r.category));
      const k = `${r.month}|${category}`;
      const row = rows.get(k) ?? { month: r.month, category, received: 0, matched: 0, handedOver: 0 };
      row[key] += Number(r.n);
      rows.set(k, row);
    }
  };
  add(received, "received");
  add(matched, "matched");
  add(handed, "handedOver");
  const days = needs.map((n) => (Date.parse(n.fulfilled_at!) - Date.parse(n.created_at)) / 86_400_000);
  const ordered = [...rows.values()].sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : a.category - b.category));
  return { rows: ordered, categories: categories.filter((c) => c.parent_id == null).map(({ parent_id: _, ...c }) => c), medianDays: median(days), fulfilled: needs.length };
}
