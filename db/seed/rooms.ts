/**
 * The Niersweg group room in Neersen (fictitious details) with demo requests and bookings
 * around today, so the public calendar and the office queue have something to show.
 */
import type { Kysely } from "kysely";
import { createTestBooking, createTestRoom, createTestRoomPhoto } from "../../tests/factories/rooms";
import { drawRoomIllustration } from "./room-illustration";
import type { DB } from "../schema";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../app/utils/dates";
import { serialiseTranslations, type Translations } from "../../app/modules/rooms/translations";

/** The demo room's description in the other UI languages (the German one is in `seedRooms`). */
const DESCRIPTION: Translations = {
  en: "Open group room in the town's houses on Niersweg, with a kitchenette and an outdoor area. For activities and meetings of everyone who lives in the neighbourhood – free of charge for non-commercial neighbourhood use.",
  ar: "غرفة جماعية مفتوحة في مباني المدينة في شارع نيرسفيغ (Niersweg)، مع مطبخ صغير ومساحة خارجية. للأنشطة واللقاءات لكل من يسكن في الحي – مجاناً للاستخدام غير التجاري من قِبل الجيران.",
  uk: "Відкрита кімната для груп у міських будинках на Нірсвег, з міні-кухнею та майданчиком надворі. Для занять і зустрічей усіх, хто живе в кварталі, – безкоштовно для некомерційного використання сусідами.",
  fa: "اتاق گروهی باز در ساختمان‌های شهری خیابان نیرس‌وگ (Niersweg)، با آشپزخانهٔ کوچک و فضای باز. برای برنامه‌ها و دیدارهای همهٔ کسانی که در این محله زندگی می‌کنند – برای استفادهٔ غیرتجاری همسایگان رایگان است.",
  tr: "Niersweg'deki belediye konutlarında, çay mutfağı ve açık alanı olan, herkese açık bir grup odası. Mahallede yaşayan herkesin etkinlikleri ve buluşmaları için – ticari olmayan mahalle kullanımı için ücretsiz.",
  ru: "Открытая общая комната в городских домах на Нирсвег, с мини-кухней и площадкой во дворе. Для занятий и встреч всех, кто живёт в квартале, — бесплатно для некоммерческого использования соседями.",
};

/** The bookable parts (the factory's German names) in the other UI languages. */
const PART_NAMES: Record<string, Translations> = {
  Hauptraum: { en: "Main room", ar: "القاعة الرئيسية", uk: "Головна кімната", fa: "اتاق اصلی", tr: "Ana oda", ru: "Основной зал" },
  Teeküche: { en: "Kitchenette", ar: "المطبخ الصغير", uk: "Міні-кухня", fa: "آشپزخانهٔ کوچک", tr: "Çay mutfağı", ru: "Мини-кухня" },
  Außenbereich: { en: "Outdoor area", ar: "المساحة الخارجية", uk: "Майданчик надворі", fa: "فضای باز", tr: "Açık alan", ru: "Площадка во дворе" },
};

const weekdays = (open: string, close: string, weekend: { open: string; close: string } | null) =>
  JSON.stringify([...Array.from({ length: 5 }, () => ({ open, close })), weekend, weekend]);

export async function seedRooms(db: Kysely<DB>, now = new Date()): Promise<void> {
  const room = await createTestRoom(db, {
    name: "Gruppenraum Niersweg",
    address: "Niersweg 12, 47877 Willich-Neersen",
    description:
      "Offener Gruppenraum in den städtischen Häusern am Niersweg, mit Teeküche und Außenbereich. Für Angebote und Treffen aller, die im Quartier wohnen – für nicht-kommerzielle Nachbarschaftsnutzung kostenfrei.",
    capacity: 35,
    openingHours: weekdays("08:00", "22:00", { open: "10:00", close: "22:00" }),
    keyDepositCents: 5000,
    keyPickupPlace: "Koordinierungsstelle, Rathaus Willich, Hochstraße 1 (fiktiv), Zimmer 12",
    keyPickupHours: "Mo–Fr 9:00–12:00 Uhr, spätestens am Werktag vor der Nutzung",
    rules:
      "1. Rauchen ist im Raum und im Außenbereich verboten.\n2. Nachtruhe ab 22:00 Uhr (§ 9 LImSchG NRW): Die Nutzung endet spätestens um 22:00 Uhr.\n3. Höchstens 35 Personen.\n4. Raum und Teeküche besenrein verlassen, Müll mitnehmen.\n5. Eine volljährige verantwortliche Person ist während der ganzen Nutzung anwesend.\n6. Der Schlüssel wird gegen 50 € Kaution ausgegeben; Nutzende haften für Schäden.",
  });
  // What visitors read in their language (ADR 0022): the description and the parts in every UI language.
  await db.updateTable("room").set({ description_translations: serialiseTranslations(DESCRIPTION) }).where("id", "=", room.id).execute();
  for (const part of await db.selectFrom("room_part").select(["id", "name"]).where("room_id", "=", room.id).execute()) {
    await db.updateTable("room_part").set({ name_translations: serialiseTranslations(PART_NAMES[part.name] ?? {}) }).where("id", "=", part.id).execute();
  }
  // A drawn illustration, not a photograph: the demo has no real pictures.
  await createTestRoomPhoto(db, room.id, {
    alt: "Zeichnung (Beispiel): Gruppenraum mit langem Tisch und Stühlen, Fenster zum Garten, rechts die Teeküche",
    pixels: drawRoomIllustration(),
  });
  const today = berlinDay(now);
  const at = (days: number, time: string) => berlinToInstant(addDaysToDay(today, days), time).toISOString();
  const demo: Array<[number, string, string, "confirmed" | "requested", string]> = [
    [3, "18:00", "20:00", "confirmed", "Sprachcafé"],
    [4, "10:00", "12:00", "requested", "Krabbelgruppe"],
    [5, "15:00", "18:00", "confirmed", "Nähtreff"],
    [8, "09:30", "11:30", "requested", "Elterncafé"],
    [10, "18:00", "20:00", "confirmed", "Sprachcafé"],
    [12, "16:00", "19:00", "requested", "Geburtstagsfeier Nachbarschaft"],
    [17, "18:00", "20:00", "confirmed", "Sprachcafé"],
  ];
  for (const [i, [days, from, to, status, purpose]] of demo.entries()) {
    await createTestBooking(db, room.id, {
      status,
      startsAt: at(days, from),
      endsAt: at(days, to),
      purpose,
      name: ["Mira Sonnenfeld", "Samir Exempel", "Greta Platzhalter"][i % 3],
      email: `raum-demo${i}@example.org`,
    });
  }
  await db
    .insertInto("room_blackout")
    .values({ room_id: room.id, starts_at: at(24, "00:00"), ends_at: at(26, "00:00"), reason: "Grundreinigung", created_at: now.toISOString() })
    .execute();
}
