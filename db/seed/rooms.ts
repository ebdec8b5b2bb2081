/**
 * The Niersweg group room in Neersen (fictitious details) with demo requests and bookings
 * around today, so the public calendar and the office queue have something to show.
 */
import type { Kysely } from "kysely";
import { createTestBooking, createTestRoom, createTestRoomPhoto } from "../../tests/factories/rooms";
import { drawRoomIllustration } from "./room-illustration";
import type { DB } from "../schema";
import { addDaysToDay, berlinDay, berlinToInstant } from "../../app/utils/dates";

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
