/**
 * Donations part of the fictitious demo: a few households (invented codes, names and
 * addresses), their needs and residents' offers, volunteers with a car in every district (so
 * a transport can be planned), and one reservation of part of a need whose transport waits
 * for the demo volunteer's answer on /me/transports. Built from the test factories.
 */
import type { Kysely } from "kysely";
import { createTestVolunteer } from "../../tests/factories/index";
import { createTestHousehold, createTestMatch, createTestNeed, createTestOffer, createTestTransport } from "../../tests/factories/donations";
import type { DB } from "../schema";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/** The next given weekday (Monday 1 … Sunday 7) after today. */
const next = (isoWeekday: number) => {
  for (let n = 1; ; n++) if ((new Date(Date.now() + n * 86_400_000).getUTCDay() || 7) === isoWeekday) return inDays(n);
};

/** Fictitious drivers: one per district, at different times (districts 1 Alt-Willich, 2 Schiefbahn, 3 Anrath, 4 Neersen). */
const DRIVERS = [
  { email: "fahrdienst1@example.org", name: "Lena Fahrbeispiel", districtId: 1, locale: "de", availability: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, slot: "afternoon" as const })) },
  { email: "fahrdienst2@example.org", name: "Hakan Probefahrt", districtId: 3, locale: "de", availability: [{ weekday: 3, slot: "morning" as const }, { weekday: 6, slot: "morning" as const }, { weekday: 6, slot: "evening" as const }] },
  { email: "fahrdienst3@example.org", name: "Oksana Rädchenko", districtId: 4, locale: "uk", availability: [{ weekday: 4, slot: "afternoon" as const }, { weekday: 7, slot: "morning" as const }] },
  { email: "fahrdienst4@example.org", name: "Rami Beispielfahrer", districtId: 2, locale: "ar", availability: [{ weekday: 2, slot: "evening" as const }, { weekday: 5, slot: "evening" as const }] },
];

export async function seedDonationsDemo(db: Kysely<DB>) {
  const h1 = await createTestHousehold(db, { code: "H-DEMO1", contactName: "Amal Beispiel", contactPhone: "02154 999001", contactEmail: "amal.beispiel@example.org", street: "Beispielweg 12", districtId: 4, adults: 2, childrenYears: [2017, 2021], languages: ["ar", "de"], createdAt: daysAgo(30) });
  const h2 = await createTestHousehold(db, { code: "H-DEMO2", contactName: "Iryna Musterenko", contactPhone: "02154 999002", contactEmail: "iryna.musterenko@example.org", street: "Probestraße 3", districtId: 1, adults: 1, childrenYears: [2019], languages: ["uk"], createdAt: daysAgo(20) });
  const h3 = await createTestHousehold(db, { code: "H-DEMO3", contactName: "Karim Platzhalter", contactPhone: "02154 999003", contactEmail: null, street: "Demoallee 8", districtId: 3, adults: 3, languages: ["fa", "de"], createdAt: daysAgo(10) });
  await createTestNeed(db, h1.id, { category: "wardrobe", urgency: "urgent", createdAt: daysAgo(18) });
  const jackets = await createTestNeed(db, h1.id, { category: "clothing-children", size: "122", season: "winter", quantity: 2, createdAt: daysAgo(16) });
  await createTestNeed(db, h2.id, { category: "cot", urgency: "urgent", createdAt: daysAgo(5) });
  await createTestNeed(db, h2.id, { category: "shoes", size: "28", createdAt: daysAgo(4) });
  await createTestNeed(db, h3.id, { category: "bicycles", size: "26 Zoll", quantity: 2, createdAt: daysAgo(3) });
  await createTestNeed(db, h3.id, { category: "kitchen", createdAt: daysAgo(2) });
  await createTestOffer(db, { category: "wardrobe", districtId: 4, description: "Kleiderschrank, weiß, 2 Türen", donorName: "Bernd Demo", donorEmail: "bernd.demo@example.org", pickupStreet: "Spenderweg 1", availableUntil: inDays(20) });
  await createTestOffer(db, { category: "wardrobe", districtId: 2, description: "Kleiderschrank Eiche", donorName: "Carla Probe", donorEmail: "carla.probe@example.org", pickupStreet: "Gabenstraße 4", availableUntil: inDays(2) });
  const winterJackets = await createTestOffer(db, { category: "clothing-children", size: "122", season: "winter", quantity: 3, condition: "good", description: "Winterjacken", donorName: "Dana Muster", donorEmail: "dana.muster@example.org", districtId: 1 });
  await createTestOffer(db, { category: "cot", reviewState: "pending", description: "Kinderbett mit Matratze", donorName: "Emil Beispiel", donorEmail: "emil.beispiel@example.org", districtId: 1 });
  await createTestOffer(db, { category: "electrical", condition: "used", reviewState: "pending", description: "Wasserkocher (ungeprüft)", donorName: "Frida Test", donorEmail: "frida.test@example.org", districtId: 3 });

  for (const d of DRIVERS) await createTestVolunteer(db, { ...d, password: "demo1234", roles: ["volunteer"], status: "active", hasCar: true, languages: [{ code: d.locale === "de" ? "de" : d.locale, level: "native" }] });
  // One of the two winter jackets is reserved (the need stays open: "1 of 2 reserved"); the demo
  // volunteer (Schiefbahn, next to Alt-Willich, free on Saturday mornings) is asked to drive it.
  const tomasz = await db.selectFrom("user").select("id").where("email", "=", "ehrenamt@example.org").executeTakeFirst();
  const match = await createTestMatch(db, jackets.id, winterJackets.id, { quantity: 1, handoverMode: "transport", handoverOn: next(6), timeFrom: "10:00", timeTo: "12:00", createdAt: daysAgo(1) });
  if (tomasz) await createTestTransport(db, match.id, tomasz.id, { askedAt: daysAgo(1) });
}
