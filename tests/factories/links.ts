/**
 * Factories for the credentials in links: e-mail tokens (verify, reset, change), manage links
 * of donation offers, private calendar feeds. Each returns the plain token (the database keeps
 * only its SHA-256 hash, as the app does).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, TokenPurpose } from "../../db/schema";

const newToken = () => randomBytes(20).toString("base64url");
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export async function createTestEmailToken(db: Kysely<DB>, userId: string, purpose: TokenPurpose, o: Partial<{ newEmail: string; expiresAt: string }> = {}) {
  const token = newToken();
  await db
    .insertInto("email_token")
    .values({
      token_hash: hash(token),
      user_id: userId,
      purpose,
      new_email: purpose === "change_email" ? (o.newEmail ?? `neu-${randomBytes(3).toString("hex")}@example.org`) : null,
      expires_at: o.expiresAt ?? inDays(1),
      used_at: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { token };
}

export async function createTestOfferLink(db: Kysely<DB>, offerId: number) {
  const token = newToken();
  await db.insertInto("donation_offer_link").values({ offer_id: offerId, token_hash: hash(token), sent_with: "offer", created_at: new Date().toISOString(), revoked_at: null, revoked_by: null }).execute();
  return { token };
}

export async function createTestCalendarFeed(db: Kysely<DB>, o: { kind: "office" } | { kind: "requester"; email: string }) {
  const token = newToken();
  const { id } = await db
    .insertInto("calendar_feed")
    .values({ token_hash: hash(token), kind: o.kind, email: o.kind === "requester" ? o.email : null, created_at: new Date().toISOString(), revoked_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, token };
}

/** A photo of a donation offer (a tiny JPEG-typed blob; the office route only streams it). */
export async function createTestOfferPhoto(db: Kysely<DB>, offerId: number, data: Buffer) {
  const { id } = await db
    .insertInto("donation_offer_photo")
    .values({ offer_id: offerId, mime: "image/jpeg", width: 8, height: 6, data, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}
