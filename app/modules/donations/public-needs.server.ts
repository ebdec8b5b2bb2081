import { getDb } from "~/utils/db.server";
import { categoryNameColumns } from "./category-names";

/**
 * The public needs list: open needs summed up by category, size and season — no household,
 * code, name or district ever leaves this function (anonymous access). Units already reserved
 * for a partly served need are not needed any more; households are counted once per row.
 */
export async function listPublicNeeds() {
  const rows = await getDb()
    .selectFrom("donation_need as n")
    .innerJoin("donation_category as c", "c.id", "n.category_id")
    .innerJoin("household as h", "h.id", "n.household_id")
    .where("n.status", "=", "open")
    .where("h.erased_at", "is", null)
    // An imported household whose consent is still to be recorded is not shown (migration 0055).
    .where("h.consent_pending", "=", 0)
    .where("c.active", "=", 1)
    .select((eb) => [
      "c.id as categoryId",
      "c.slug",
      ...categoryNameColumns("c"),
      "c.sort_order",
      "n.size",
      "n.season",
      eb.fn.count<number>("n.household_id").distinct().as("households"),
      eb.fn.sum<number>(eb("n.quantity", "-", eb.ref("n.quantity_covered"))).as("quantity"),
      // Literals, not parameters: PostgreSQL reads a CASE of untyped parameters as text (no sum of text).
      eb.fn.sum<number>(eb.case().when("n.urgency", "=", "urgent").then(eb.lit(1)).else(eb.lit(0)).end()).as("urgent"),
    ])
    .groupBy(["c.id", "n.size", "n.season"])
    .orderBy("c.sort_order")
    // NULLs first said out loud: SQLite's default for ascending order, PostgreSQL's is last.
    .orderBy("n.size", (ob) => ob.asc().nullsFirst())
    .orderBy("n.season", (ob) => ob.asc().nullsFirst())
    .execute();
  return rows.map((r) => ({ ...r, households: Number(r.households), quantity: Number(r.quantity), urgent: Number(r.urgent) }));
}
