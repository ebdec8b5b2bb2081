import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { isImageError, MAX_INPUT_MEGAPIXELS, processImage } from "~/utils/images.server";
import { MAX_ROOM_PHOTO_MB, MAX_ROOM_PHOTOS } from "./photo-limits";
import { serialiseTranslations, type Translations } from "./translations";

/**
 * Room photos are public (no personal data: the office uploads pictures of the room). Each
 * upload is checked and re-encoded by the shared image code without metadata, in two sizes;
 * the URL carries a hash of the image, so browsers may keep it for a year.
 */
export const MAX_ROOM_PHOTO_BYTES = MAX_ROOM_PHOTO_MB * 1024 * 1024;
export const LARGE_EDGE = 1600;
export const THUMB_EDGE = 480;

export type PreparedRoomPhoto = {
  version: string;
  large: { width: number; height: number; data: Buffer };
  thumb: { width: number; height: number; data: Buffer };
};

const MESSAGES = {
  tooLarge: "rooms:errors.photoTooLarge",
  tooManyPixels: `security:images.tooManyPixels|${JSON.stringify({ max: MAX_INPUT_MEGAPIXELS })}`,
  notImage: "rooms:errors.photoNotImage",
  unreadable: "rooms:errors.photoUnreadable",
  format: "rooms:errors.photoFormat",
} as const;

/** Encodes the large version and the thumbnail (off the JavaScript thread, outside any transaction). */
export async function prepareRoomPhoto(buf: Buffer): Promise<PreparedRoomPhoto> {
  try {
    const [large, thumb] = await processImage(buf, { maxBytes: MAX_ROOM_PHOTO_BYTES, sizes: [{ maxEdge: LARGE_EDGE }, { maxEdge: THUMB_EDGE, quality: 75 }] });
    return {
      version: createHash("sha256").update(large.data).digest("hex").slice(0, 16),
      large: { width: large.width, height: large.height, data: large.data },
      thumb: { width: thumb.width, height: thumb.height, data: thumb.data },
    };
  } catch (e) {
    if (isImageError(e)) throw new AppError(MESSAGES[e.problem], 400, "photo");
    throw e;
  }
}

/** The public path of a photo: versioned, so it can be cached "immutable". */
export const photoPath = (p: { id: number; version: string }, size: "large" | "thumb" = "large") => `/raum/foto/${p.id}-${p.version}${size === "thumb" ? "-klein" : ""}.jpg`;

/** `alt` is the German description; `altTranslations` the JSON of the others (pages pick with `localisedText`). */
export type RoomPhotoView = { id: number; alt: string; altTranslations: string; url: string; thumbUrl: string; width: number; height: number; thumbWidth: number; thumbHeight: number };

const META = ["id", "room_id", "alt", "alt_translations", "version", "width", "height", "thumb_width", "thumb_height"] as const;

function toView(p: { id: number; alt: string; alt_translations: string; version: string; width: number; height: number; thumb_width: number; thumb_height: number }): RoomPhotoView {
  return { id: p.id, alt: p.alt, altTranslations: p.alt_translations, url: photoPath(p), thumbUrl: photoPath(p, "thumb"), width: p.width, height: p.height, thumbWidth: p.thumb_width, thumbHeight: p.thumb_height };
}

/** A photo's description: the German text (binding, required) and, optionally, its translations. */
export type PhotoAlt = string | { text: string; translations: Translations };
const altColumns = (alt: PhotoAlt) =>
  typeof alt === "string" ? { alt, alt_translations: "{}" } : { alt: alt.text, alt_translations: serialiseTranslations(alt.translations) };

/** A room's photos in order (no image bytes). */
export async function listRoomPhotos(roomId: number, db: Kysely<DB> = getDb()): Promise<RoomPhotoView[]> {
  const rows = await db.selectFrom("room_photo").select(META).where("room_id", "=", roomId).orderBy("sort_order").orderBy("id").execute();
  return rows.map(toView);
}

/** The first photo of each of the given rooms (the room list shows one). */
export async function firstPhotos(roomIds: number[]): Promise<Map<number, RoomPhotoView>> {
  if (!roomIds.length) return new Map();
  const rows = await getDb()
    .selectFrom("room_photo as p")
    .select(META.map((c) => `p.${c}` as const))
    .where("p.room_id", "in", roomIds)
    .where(({ eb, selectFrom }) =>
      eb("p.id", "=", selectFrom("room_photo as q").select("q.id").whereRef("q.room_id", "=", "p.room_id").orderBy("q.sort_order").orderBy("q.id").limit(1)),
    )
    .execute();
  return new Map(rows.map((r) => [r.room_id, toView(r)]));
}

/**
 * The bytes behind a public photo URL. `public` is false for a room that is not active (only
 * the office may see those photos, never from a shared cache). Null: unknown id or version.
 */
export async function getPhotoFile(id: number, version: string, size: "large" | "thumb") {
  const row = await getDb()
    .selectFrom("room_photo")
    .innerJoin("room", "room.id", "room_photo.room_id")
    .select([size === "large" ? "room_photo.data as data" : "room_photo.thumb as data", "room_photo.version", "room.active"])
    .where("room_photo.id", "=", id)
    .executeTakeFirst();
  if (!row || row.version !== version) return null;
  return { data: row.data, version: row.version, public: row.active === 1 };
}

/**
 * Every photo change also marks the room as changed: the public room pages show the photos, and
 * whatever caches those pages (by the room's change time, or by the database triggers on `room`
 * of the public page cache) then sees a change, without knowing about `room_photo`.
 */
async function touchRoom(trx: Kysely<DB>, roomId: number, now: Date) {
  await trx.updateTable("room").set({ updated_at: now.toISOString() }).where("id", "=", roomId).execute();
}

async function requireRoom(trx: Kysely<DB>, roomId: number) {
  const room = await trx.selectFrom("room").select("id").where("id", "=", roomId).executeTakeFirst();
  if (!room) throw new AppError("errors.notFound", 404);
}

async function requirePhoto(trx: Kysely<DB>, roomId: number, photoId: number) {
  const photo = await trx.selectFrom("room_photo").select(["id", "sort_order"]).where("id", "=", photoId).where("room_id", "=", roomId).executeTakeFirst();
  if (!photo) throw new AppError("errors.notFound", 404);
  return photo;
}

/** Adds a prepared photo at the end of the room's photos (at most `MAX_ROOM_PHOTOS`). */
export async function addRoomPhoto(actor: Actor, roomId: number, photo: PreparedRoomPhoto, alt: PhotoAlt, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:room:any");
  return transaction(async (trx) => {
    await requireRoom(trx, roomId);
    const { n, last } = await trx
      .selectFrom("room_photo")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("sort_order").as("last")])
      .where("room_id", "=", roomId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ROOM_PHOTOS) throw new AppError("rooms:errors.photoTooMany", 409, "photo", { max: MAX_ROOM_PHOTOS });
    const ts = now.toISOString();
    const { id } = await trx
      .insertInto("room_photo")
      .values({
        room_id: roomId,
        sort_order: (last ?? 0) + 1,
        ...altColumns(alt),
        version: photo.version,
        width: photo.large.width,
        height: photo.large.height,
        data: photo.large.data,
        thumb_width: photo.thumb.width,
        thumb_height: photo.thumb.height,
        thumb: photo.thumb.data,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await touchRoom(trx, roomId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "add-photo", entity: "room", entityId: roomId, details: { photoId: id }, now });
    return id;
  });
}

export async function setPhotoAlt(actor: Actor, roomId: number, photoId: number, alt: PhotoAlt, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  await transaction(async (trx) => {
    await requirePhoto(trx, roomId, photoId);
    await trx.updateTable("room_photo").set({ ...altColumns(alt), updated_at: now.toISOString() }).where("id", "=", photoId).execute();
    await touchRoom(trx, roomId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "photo-alt", entity: "room", entityId: roomId, details: { photoId }, now });
  });
}

/** Moves a photo one place earlier or later (swaps with its neighbour; at the edge nothing changes). */
export async function movePhoto(actor: Actor, roomId: number, photoId: number, direction: "up" | "down", now = new Date()) {
  requirePermission(actor, "manage:room:any");
  await transaction(async (trx) => {
    await requirePhoto(trx, roomId, photoId);
    const order = await trx.selectFrom("room_photo").select(["id", "sort_order"]).where("room_id", "=", roomId).orderBy("sort_order").orderBy("id").execute();
    const i = order.findIndex((p) => p.id === photoId);
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    // Renumber 1..n: also repairs equal sort orders.
    for (const [k, p] of order.entries()) await trx.updateTable("room_photo").set({ sort_order: k + 1 }).where("id", "=", p.id).execute();
    await touchRoom(trx, roomId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "photo-move", entity: "room", entityId: roomId, details: { photoId, direction }, now });
  });
}

export async function deletePhoto(actor: Actor, roomId: number, photoId: number, now = new Date()) {
  requirePermission(actor, "manage:room:any");
  await transaction(async (trx) => {
    await requirePhoto(trx, roomId, photoId);
    await trx.deleteFrom("room_photo").where("id", "=", photoId).execute();
    await touchRoom(trx, roomId, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "delete-photo", entity: "room", entityId: roomId, details: { photoId }, now });
  });
}

/** How many photos a room has (the upload form refuses before decoding when the room is full). */
export async function countRoomPhotos(roomId: number): Promise<number> {
  const r = await getDb().selectFrom("room_photo").select((eb) => eb.fn.countAll<number>().as("n")).where("room_id", "=", roomId).executeTakeFirstOrThrow();
  return Number(r.n);
}
