/**
 * Donations part of the fictitious demo: a few households (invented codes, names and
 * addresses), their needs and residents' offers. Built from the test factories.
 */
import type { Kysely } from "kysely";
import { createTestHousehold, createTestNeed, createTestOffer } from "../../tests/factories/donations";
import type { DB } from "../schema";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export async function seedDonationsDemo(db: Kysely<DB>) {
  const h1 = await createTestHousehold(db, { code: "H-DEMO1", contactName: "Amal Beispiel", contactPhone: "02154 999001", contactEmail: "amal.beispiel@example.org", street: "Beispielweg 12", districtId: 4, adults: 2, childrenYears: [2017, 2021], languages: ["ar", "de"], createdAt: daysAgo(30) });
  const h2 = await createTestHousehold(db, { code: "H-DEMO2", contactName: "Iryna Musterenko", contactPhone: "02154 999002", contactEmail: "iryna.musterenko@example.org", street: "Probestraße 3", districtId: 1, adults: 1, childrenYears: [2019], languages: ["uk"], createdAt: daysAgo(20) });
  const h3 = await createTestHousehold(db, { code: "H-DEMO3", contactName: "Karim Platzhalter", contactPhone: "02154 999003", contactEmail: null, street: "Demoallee 8", districtId: 3, adults: 3, languages: ["fa", "de"], createdAt: daysAgo(10) });
  await createTestNeed(db, h1.id, { category: "wardrobe", urgency: "urgent", createdAt: daysAgo(18) });
  await createTestNeed(db, h1.id, { category: "clothing-children", size: "122", season: "winter", quantity: 2, createdAt: daysAgo(16) });
  await createTestNeed(db, h2.id, { category: "cot", urgency: "urgent", createdAt: daysAgo(5) });
  await createTestNeed(db, h2.id, { category: "shoes", size: "28", createdAt: daysAgo(4) });
  await createTestNeed(db, h3.id, { category: "bicycles", size: "26 Zoll", quantity: 2, createdAt: daysAgo(3) });
  await createTestNeed(db, h3.id, { category: "kitchen", createdAt: daysAgo(2) });
  await createTestOffer(db, { category: "wardrobe", districtId: 4, description: "Kleiderschrank, weiß, 2 Türen", donorName: "Bernd Demo", donorEmail: "bernd.demo@example.org", pickupStreet: "Spenderweg 1", availableUntil: inDays(20) });
  await createTestOffer(db, { category: "wardrobe", districtId: 2, description: "Kleiderschrank Eiche", donorName: "Carla Probe", donorEmail: "carla.probe@example.org", pickupStreet: "Gabenstraße 4", availableUntil: inDays(2) });
  await createTestOffer(db, { category: "clothing-children", size: "122", season: "winter", quantity: 3, condition: "good", description: "Winterjacken", donorName: "Dana Muster", donorEmail: "dana.muster@example.org", districtId: 1 });
  await createTestOffer(db, { category: "cot", reviewState: "pending", description: "Kinderbett mit Matratze", donorName: "Emil Beispiel", donorEmail: "emil.beispiel@example.org", districtId: 1 });
  await createTestOffer(db, { category: "electrical", condition: "used", reviewState: "pending", description: "Wasserkocher (ungeprüft)", donorName: "Frida Test", donorEmail: "frida.test@example.org", districtId: 3 });
}
