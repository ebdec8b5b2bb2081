import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { isUiLanguage } from "~/i18n/config";
import { generateToken, hashToken } from "~/utils/crypto.server";
import { getDb, transaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { writeTandemEvent } from "./tandem-steps.server";

/**
 * The household's one-tap confirmation of a meeting: no account, the unguessable token is the
 * authorisation (ADR 0031). Only its SHA-256 is stored; a link expires after
 * `MEETING_LINK_DAYS`, and a revoked, expired or unknown link is a 404. The page shows only the
 * meeting's date and the sponsor's first name.
 */
export const MEETING_LINK_DAYS = 30;

export const meetingLinkUrl = (token: string) => `${env().BASE_URL}/patenschaft/treffen/${token}`;

/** A new link for a meeting (inside the caller's transaction); returns the plain token, never stored. */
export async function createMeetingLink(trx: Kysely<DB>, meetingId: number, locale: string, now: Date): Promise<string> {
  const token = generateToken();
  await trx
    .insertInto("tandem_meeting_link")
    .values({
      token_hash: hashToken(token),
      meeting_id: meetingId,
      locale: isUiLanguage(locale) ? locale : "de",
      expires_at: new Date(now.getTime() + MEETING_LINK_DAYS * 86_400_000).toISOString(),
      revoked_at: null,
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

/** The sponsor's first name: the first word of the account's name. */
export const firstNameOf = (name: string) => name.trim().split(/\s+/)[0] ?? "";

/** What a link shows: the meeting's day, the sponsor's first name, the language; null for an unknown, expired or revoked link. */
export async function findMeetingByLink(token: string | undefined, now = new Date(), db: Kysely<DB> = getDb()) {
  if (!token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await db
    .selectFrom("tandem_meeting_link as l")
    .innerJoin("tandem_meeting as m", "m.id", "l.meeting_id")
    .innerJoin("tandem as t", "t.id", "m.tandem_id")
    .innerJoin("user as u", "u.id", "t.volunteer_user_id")
    .select(["l.id as linkId", "l.locale", "l.expires_at as expiresAt", "l.revoked_at as revokedAt", "m.id as meetingId", "m.tandem_id as tandemId", "m.day", "m.confirmed_at as confirmedAt", "u.name as sponsorName", "t.household_id as householdId"])
    .where("l.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  // A tandem whose household withdrew its consent (no household any more) has no live links.
  if (!row || row.revokedAt || row.expiresAt <= now.toISOString() || !row.householdId) return null;
  return { linkId: row.linkId, meetingId: row.meetingId, tandemId: row.tandemId, day: row.day, confirmed: !!row.confirmedAt, locale: row.locale, sponsorFirstName: firstNameOf(row.sponsorName) };
}

export type MeetingLinkView = NonNullable<Awaited<ReturnType<typeof findMeetingByLink>>>;

/** The household confirms the meeting (idempotent: a second tap changes nothing). */
export async function confirmMeetingByLink(token: string | undefined, now = new Date()) {
  return transaction(async (trx) => {
    const found = await findMeetingByLink(token, now, trx);
    if (!found) throw new AppError("errors.notFound", 404);
    if (found.confirmed) return found;
    const at = now.toISOString();
    await trx.updateTable("tandem_meeting").set({ confirmed_at: at }).where("id", "=", found.meetingId).where("confirmed_at", "is", null).execute();
    await trx.updateTable("tandem_meeting_link").set({ used_at: at }).where("id", "=", found.linkId).execute();
    await writeTandemEvent(trx, { tandemId: found.tandemId, kind: "meeting_confirmed", note: found.day, actorId: null, now });
    await recordAudit(trx, { actorUserId: null, action: "confirm", entity: "tandem_meeting", entityId: found.meetingId, details: { via: "link" }, now });
    return { ...found, confirmed: true };
  });
}

/** The office revokes every link of a meeting (a link sent to a wrong address). */
export async function revokeMeetingLinks(trx: Kysely<DB>, meetingId: number, actorId: string, now: Date) {
  const r = await trx.updateTable("tandem_meeting_link").set({ revoked_at: now.toISOString() }).where("meeting_id", "=", meetingId).where("revoked_at", "is", null).executeTakeFirst();
  await recordAudit(trx, { actorUserId: actorId, action: "revoke", entity: "tandem_meeting_link", entityId: meetingId, now });
  return Number(r.numUpdatedRows);
}
