import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { addDaysToDay, berlinToInstant } from "~/utils/dates";
import { AppError } from "~/utils/errors";
import { germanSortKey } from "~/utils/text-keys";
import type { RoomInput, RoomParts } from "./schema";
import { descriptionField, ROOM_TEXT_LANGUAGES, parseTranslations, serialiseTranslations, translationsFrom, type Translations } from "./translations";

function toRow(input: RoomInput) {
  const v = input as Record<string, unknown>;
  const hours = Array.from({ length: 7 }, (_, i) => (v[`open${i + 1}`] ? { open: v[`open${i + 1}`] as string, close: v[`close${i + 1}`] as string } : null));
  return {
    name: input.name,
    name_key: germanSortKey(input.name),
    address: input.address,
    description: input.description ?? "",
    capacity: input.capacity,
    opening_hours: JSON.stringify(hours),
    night_rest_start: input.nightRestStart,
    night_rest_end: input.nightRestEnd,
    min_minutes: input.minMinutes,
    max_minutes: input.maxMinutes,
    buffer_minutes: input.bufferMinutes,
    lead_days: input.leadDays,
    horizon_months: input.horizonMonths,
    key_deposit_cents: input.keyDeposit * 100,
    fee_cents: input.fee * 100,
    fee_note: input.feeNote ?? "",
    fee_note_translations: serialiseTranslations(translationsFrom(input, "feeNote")),
    key_pickup_place: input.keyPickupPlace ?? "",
    key_pickup_hours: input.keyPickupHours ?? "",
    key_pickup_place_translations: serialiseTranslations(translationsFrom(input, "keyPickupPlace")),
    key_pickup_hours_translations: serialiseTranslations(translationsFrom(input, "keyPickupHours")),
    description_translations: serialiseTranslations(Object.fromEntries(ROOM_TEXT_LANGUAGES.map((lang) => [lang, (input as Record<string, unknown>)[descriptionField(lang)] as string | undefined]))),
  };
}

/** The house rules of the form: the German text and its translations (JSON). */
const rulesOf = (input: RoomInput) => ({ text: input.rules, text_translations: serialiseTranslations(translationsFrom(input, "rules")) });

/** The translations of the part at position `i` of the German list. */
function partTranslations(parts: RoomParts, i: number): string {
  const t: Translations = {};
  for (const lang of ROOM_TEXT_LANGUAGES) t[lang] = parts.translations[lang]?.[i] ?? "";
  return serialiseTranslations(t);
}
const asParts = (parts: string[] | RoomParts): RoomParts => (Array.isArray(parts) ? { names: parts, translations: {} } : parts);

export async function createRoom(actor: Actor, input: RoomInput, partsInput: string[] | RoomParts, now = new Date()) {
  const parts = asParts(partsInput);
  requirePermission(actor, "manage:room:any");
  return transaction(async (trx) => {
    const ts = now.toISOString();
    const { id } = await trx.insertInto("room").values({ ...toRow(input), active: 1, created_at: ts, updated_at: ts }).returning("id").executeTakeFirstOrThrow();
    for (const [i, name] of parts.names.entries()) await trx.insertInto("room_part").values({ room_id: id, name, sort_order: i, name_translations: partTranslations(parts, i) }).execute();
    await trx.insertInto("room_rules").values({ room_id: id, version: 1, ...rulesOf(input), created_at: ts }).execute();
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: "room", entityId: id, now });
    return id;
  });
}

/**
 * The room's bookable parts become exactly `names`, in that order: a part whose name stays
 * keeps its id (bookings refer to it), new names are added, parts no longer named are removed
 * (bookings that chose one keep their other parts; a removed part is simply not shown).
 */
async function syncParts(trx: Kysely<DB>, roomId: number, parts: RoomParts) {
  const names = parts.names;
  const existing = await trx.selectFrom("room_part").select(["id", "name"]).where("room_id", "=", roomId).execute();
  const byName = new Map(existing.map((p) => [p.name, p.id]));
  const keep = new Set<number>();
  for (const [i, name] of names.entries()) {
    const id = byName.get(name);
    if (id !== undefined) {
      keep.add(id);
      await trx.updateTable("room_part").set({ sort_order: i, name_translations: partTranslations(parts, i) }).where("id", "=", id).execute();
    } else await trx.insertInto("room_part").values({ room_id: roomId, name, sort_order: i, name_translations: partTranslations(parts, i) }).execute();
  }
  const gone = existing.filter((p) => !keep.has(p.id)).map((p) => p.id);
  if (gone.length) await trx.deleteFrom("room_part").where("id", "in", gone).execute();
}

/**
 * Saves the configuration; changed house rules become a new version (old bookings keep theirs).
 * A changed translation is a change too: a booking's version names the text its requester read.
 */
export async function updateRoom(actor: Actor, id: number, input: RoomInput, parts?: string[] | RoomParts, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  await transaction(async (trx) => {
    const r = await trx.updateTable("room").set({ ...toRow(input), updated_at: now.toISOString() }).where("id", "=", id).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    if (parts) await syncParts(trx, id, asParts(parts));
    const current = await trx.selectFrom("room_rules").select(["version", "text", "text_translations"]).where("room_id", "=", id).orderBy("version", "desc").executeTakeFirst();
    const rules = rulesOf(input);
    if (!current || current.text !== rules.text || serialiseTranslations(parseTranslations(current.text_translations)) !== rules.text_translations) {
      await trx.insertInto("room_rules").values({ room_id: id, version: (current?.version ?? 0) + 1, ...rules, created_at: now.toISOString() }).execute();
    }
    await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "room", entityId: id, now });
  });
}

export async function setRoomActive(actor: Actor, id: number, active: boolean, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  await transaction(async (trx) => {
    const r = await trx.updateTable("room").set({ active: active ? 1 : 0, updated_at: now.toISOString() }).where("id", "=", id).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("errors.notFound", 404);
    await recordAudit(trx, { actorUserId: actor.userId, action: active ? "activate" : "deactivate", entity: "room", entityId: id, now });
  });
}

/** A blackout covers whole Berlin days `from`..`to` (inclusive). Colliding bookings stay for the office to resolve. */
export async function addBlackout(actor: Actor, roomId: number, args: { from: string; to: string; reason: string }, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  return transaction(async (trx) => {
    const room = await trx.selectFrom("room").select("id").where("id", "=", roomId).executeTakeFirst();
    if (!room) throw new AppError("errors.notFound", 404);
    const { id } = await trx
      .insertInto("room_blackout")
      .values({
        room_id: roomId,
        starts_at: berlinToInstant(args.from).toISOString(),
        ends_at: berlinToInstant(addDaysToDay(args.to, 1)).toISOString(),
        reason: args.reason,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: actor.userId, action: "add-blackout", entity: "room", entityId: roomId, details: { blackoutId: id }, now });
    return id;
  });
}

export async function removeBlackout(actor: Actor, roomId: number, blackoutId: number, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  await transaction(async (trx) => {
    const r = await trx.deleteFrom("room_blackout").where("id", "=", blackoutId).where("room_id", "=", roomId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw new AppError("errors.notFound", 404);
    await recordAudit(trx, { actorUserId: actor.userId, action: "remove-blackout", entity: "room", entityId: roomId, details: { blackoutId }, now });
  });
}

/** Future blackouts of a room, each with the active bookings that collide with it. */
export async function listBlackouts(actor: Actor, roomId: number, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  const db = getDb();
  const blackouts = await db.selectFrom("room_blackout").selectAll().where("room_id", "=", roomId).where("ends_at", ">", now.toISOString()).orderBy("starts_at").execute();
  return Promise.all(
    blackouts.map(async (b) => ({
      ...b,
      collisions: await db
        .selectFrom("booking")
        .select(["id", "starts_at", "ends_at", "status", "contact_name"])
        .where("room_id", "=", roomId)
        .where("status", "in", ["unconfirmed", "requested", "confirmed"])
        .where("starts_at", "<", b.ends_at)
        .where("ends_at", ">", b.starts_at)
        .orderBy("starts_at")
        .execute(),
    })),
  );
}
