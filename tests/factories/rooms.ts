/** Rooms and bookings for tests and the demo seed (valid records with overrides). */
import { randomBytes, createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { BookingStatus, DB } from "../../db/schema";
import { encodeRgba, type Rgba } from "../../app/utils/images.server";
import { germanSortKey } from "../../app/utils/text-keys";
import { serialiseTranslations, type Translations } from "../../app/modules/rooms/translations";

/**
 * The default parts in the other UI languages (issue #18): every room made with the defaults (the
 * demo seed's, the route matrix's and the language crawl's fixture room) names its parts in the
 * reader's language. Parts given by name (`parts`) get none unless `partTranslations` says so.
 */
export const DEFAULT_PART_NAMES: Record<string, Translations> = {
  Hauptraum: { en: "Main room", ar: "القاعة الرئيسية", uk: "Головна кімната", fa: "اتاق اصلی", tr: "Ana oda", ru: "Основной зал" },
  Teeküche: { en: "Kitchenette", ar: "المطبخ الصغير", uk: "Міні-кухня", fa: "آشپزخانهٔ کوچک", tr: "Çay mutfağı", ru: "Мини-кухня" },
  Außenbereich: { en: "Outdoor area", ar: "المساحة الخارجية", uk: "Майданчик надворі", fa: "فضای باز", tr: "Açık alan", ru: "Площадка во дворе" },
};

const everyDay = (open: string, close: string) => JSON.stringify(Array.from({ length: 7 }, () => ({ open, close })));

export type RoomOverrides = Partial<{
  name: string;
  address: string;
  description: string;
  capacity: number;
  openingHours: string;
  minMinutes: number;
  maxMinutes: number;
  bufferMinutes: number;
  leadDays: number;
  horizonMonths: number;
  keyDepositCents: number;
  feeCents: number;
  feeNote: string;
  /** The fee note in the other UI languages (migration 0065); none by default. */
  feeNoteTranslations: Translations;
  keyPickupPlace: string;
  keyPickupHours: string;
  /** The office's texts in the other UI languages (migration 0063); none by default. */
  keyPickupPlaceTranslations: Translations;
  keyPickupHoursTranslations: Translations;
  parts: string[];
  /** Translations of the parts by German name; by default those of the default parts when `parts` is not given, else none. */
  partTranslations: Record<string, Translations>;
  rules: string;
  rulesTranslations: Translations;
  active: boolean;
}>;

export async function createTestRoom(db: Kysely<DB>, o: RoomOverrides = {}) {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("room")
    .values({
      name: o.name ?? "Gruppenraum Niersweg",
      name_key: germanSortKey(o.name ?? "Gruppenraum Niersweg"),
      address: o.address ?? "Niersweg 12, 47877 Willich-Neersen",
      description: o.description ?? "Gruppenraum mit Teeküche und Außenbereich.",
      capacity: o.capacity ?? 40,
      opening_hours: o.openingHours ?? everyDay("08:00", "22:00"),
      min_minutes: o.minMinutes ?? 60,
      max_minutes: o.maxMinutes ?? 480,
      buffer_minutes: o.bufferMinutes ?? 30,
      lead_days: o.leadDays ?? 2,
      horizon_months: o.horizonMonths ?? 6,
      key_deposit_cents: o.keyDepositCents ?? 5000,
      fee_cents: o.feeCents ?? 0,
      fee_note: o.feeNote ?? "",
      fee_note_translations: serialiseTranslations(o.feeNoteTranslations ?? {}),
      key_pickup_place: o.keyPickupPlace ?? "",
      key_pickup_hours: o.keyPickupHours ?? "",
      key_pickup_place_translations: serialiseTranslations(o.keyPickupPlaceTranslations ?? {}),
      key_pickup_hours_translations: serialiseTranslations(o.keyPickupHoursTranslations ?? {}),
      active: o.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const parts = o.parts ?? Object.keys(DEFAULT_PART_NAMES);
  const partTranslations = o.partTranslations ?? (o.parts ? {} : DEFAULT_PART_NAMES);
  const partIds: number[] = [];
  for (const [i, name] of parts.entries()) {
    const name_translations = serialiseTranslations(partTranslations[name] ?? {});
    partIds.push((await db.insertInto("room_part").values({ room_id: id, name, sort_order: i, name_translations }).returning("id").executeTakeFirstOrThrow()).id);
  }
  await db
    .insertInto("room_rules")
    .values({
      room_id: id,
      version: 1,
      text: o.rules ?? "Rauchen verboten. Nachtruhe ab 22:00 Uhr. Raum besenrein verlassen, Müll mitnehmen.",
      text_translations: serialiseTranslations(o.rulesTranslations ?? {}),
      created_at: now,
    })
    .execute();
  return { id, partIds };
}

export type BookingOverrides = Partial<{
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  seriesId: number | null;
  requesterUserId: string | null;
  name: string;
  email: string;
  purpose: string;
  attendees: number;
  locale: string;
  token: string;
  confirmExpiresAt: string | null;
}>;

export async function createTestBooking(db: Kysely<DB>, roomId: number, o: BookingOverrides = {}) {
  const now = new Date().toISOString();
  const token = o.token ?? randomBytes(20).toString("base64url");
  const { id } = await db
    .insertInto("booking")
    .values({
      room_id: roomId,
      series_id: o.seriesId ?? null,
      status: o.status ?? "requested",
      starts_at: o.startsAt ?? "2030-01-07T17:00:00.000Z",
      ends_at: o.endsAt ?? "2030-01-07T19:00:00.000Z",
      requester_user_id: o.requesterUserId ?? null,
      contact_name: o.name ?? "Erika Beispiel",
      contact_email: o.email ?? `gast-${randomBytes(3).toString("hex")}@example.org`,
      contact_phone: null,
      group_name: null,
      purpose: o.purpose ?? "Nachbarschaftstreffen",
      attendees: o.attendees ?? 12,
      responsible_adult: o.name ?? "Erika Beispiel",
      rules_version: 1,
      locale: o.locale ?? "de",
      manage_token_hash: createHash("sha256").update(token).digest("hex"),
      confirm_expires_at: o.confirmExpiresAt ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, token };
}

/**
 * A room photo row from RGBA pixels (large version and thumbnail, as the upload stores them).
 * Used by tests and by the demo seed's drawn illustration.
 */
export async function createTestRoomPhoto(db: Kysely<DB>, roomId: number, o: { alt?: string; altTranslations?: Translations; pixels?: Rgba; sortOrder?: number } = {}) {
  const pixels = o.pixels ?? { width: 8, height: 6, data: new Uint8Array(8 * 6 * 4).fill(200) };
  const [large, thumb] = await Promise.all([encodeRgba(pixels, 1600), encodeRgba(pixels, 480, 75)]);
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("room_photo")
    .values({
      room_id: roomId,
      sort_order: o.sortOrder ?? 1,
      alt: o.alt ?? "Gruppenraum mit Tischen",
      alt_translations: serialiseTranslations(o.altTranslations ?? {}),
      version: createHash("sha256").update(large.data).digest("hex").slice(0, 16),
      width: large.width,
      height: large.height,
      data: large.data,
      thumb_width: thumb.width,
      thumb_height: thumb.height,
      thumb: thumb.data,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}
