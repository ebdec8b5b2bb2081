import { sql, type Kysely } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
//
// 1. A need counts its units promised by reservations or already handed over
//    (`donation_need.quantity_covered`); it is "matched" only when they cover its whole
//    quantity. The history keeps the covered count of every change. Needs that were marked
//    matched after a partial reservation are open again (with a history entry).
// 2. The donor's private manage links live in their own table: several valid links per offer
//    (the first mail, the "expires in 3 days" notice), each revocable. Existing link hashes
//    move there; `donation_offer.manage_token_hash` is no longer used (SQLite cannot drop a
//    UNIQUE column).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("donation_need")
    .addColumn("quantity_covered", "integer", (c) => c.notNull().defaultTo(0).check(sql`quantity_covered >= 0 and quantity_covered <= quantity`))
    .execute();
  await db.schema.alterTable("donation_need_history").addColumn("covered", "integer").execute();

  await sql`
    update donation_need set quantity_covered = min(quantity, coalesce((
      select sum(m.quantity) from donation_match m
      where m.need_id = donation_need.id and m.state in ('reserved', 'handed_over')
    ), 0))
  `.execute(db);
  const now = new Date().toISOString();
  const partial = await db.selectFrom("donation_need").select(["id", "quantity_covered"]).where("status", "=", "matched").whereRef("quantity_covered", "<", "quantity").execute();
  for (const n of partial as Array<{ id: number; quantity_covered: number }>) {
    await db.updateTable("donation_need").set({ status: "open", updated_at: now }).where("id", "=", n.id).execute();
    await db
      .insertInto("donation_need_history")
      .values({ need_id: n.id, from_status: "matched", to_status: "open", changed_by: null, reason: null, changed_at: now, covered: n.quantity_covered })
      .execute();
  }

  await db.schema
    .createTable("donation_offer_link")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("offer_id", "integer", (c) => c.notNull().references("donation_offer.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("sent_with", "text", (c) => c.notNull().check(sql`sent_with in ('offer', 'expiry-notice')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("donation_offer_link_offer_idx").on("donation_offer_link").column("offer_id").execute();
  await sql`
    insert into donation_offer_link (offer_id, token_hash, sent_with, created_at)
    select id, manage_token_hash, 'offer', created_at from donation_offer where manage_token_hash is not null
  `.execute(db);
  await db.updateTable("donation_offer").set({ manage_token_hash: null }).where("manage_token_hash", "is not", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update donation_offer set manage_token_hash = (
      select l.token_hash from donation_offer_link l where l.offer_id = donation_offer.id and l.revoked_at is null order by l.id desc limit 1
    )
  `.execute(db);
  await db.schema.dropTable("donation_offer_link").execute();
  await db.schema.alterTable("donation_need_history").dropColumn("covered").execute();
  await db.schema.alterTable("donation_need").dropColumn("quantity_covered").execute();
}
