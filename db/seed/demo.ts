/**
 * The fictitious Willich demo. Every person, address, phone number and e-mail here is
 * invented (example.org addresses, no real names). Idempotent: it does nothing when the
 * demo coordinator already exists.
 */
import type { Kysely } from "kysely";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../tests/factories/index";
import type { DB } from "../schema";
import { seedRooms } from "./rooms";
import { seedDonationsDemo } from "./donations";
import { seedCoverageDemo } from "./coverage";
import { seedLegalPages } from "./legal";
import { seedSponsorshipsDemo } from "./sponsorships";
import { seedTandemsDemo } from "./tandems";
import { seedProgrammesDemo } from "./programmes";
import { seedImportDemo } from "./imports";
import { seedReportsDemo } from "./reports";
import { seedAssociationsDemo } from "./associations";
import { seedSealDemo } from "./seal";
import { seedTasksDemo } from "./tasks";
import { seedPrivacyDemo } from "./privacy";
import { seedMessagesDemo } from "./messages";

export const DEMO_PASSWORD = "demo1234";
export const DEMO_LOGINS = [
  { email: "koordination@example.org", role: "coordinator", name: "Jana Musterfrau" },
  { email: "ehrenamt@example.org", role: "volunteer", name: "Tomasz Beispiel" },
  { email: "verein@example.org", role: "association_member", name: "Aylin Probe" },
  { email: "admin@example.org", role: "admin", name: "Konrad Admin" },
] as const;

function inMonths(months: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export async function seedDemo(db: Kysely<DB>): Promise<boolean> {
  const exists = await db.selectFrom("user").select("id").where("email", "=", DEMO_LOGINS[0].email).executeTakeFirst();
  if (exists) return false;

  await createTestOrganisation(db, {
    name: "Stadt Willich – Koordinierungsstelle Ehrenamt",
    legalForm: "city",
    email: "koordinierungsstelle@example.org",
    contactName: "Jana Musterfrau",
    street: "Beispielplatz 1",
    postalCode: "47877",
    town: "Willich",
  });
  const arbeitskreis = await createTestOrganisation(db, {
    name: "Arbeitskreis Miteinander e.V.",
    legalForm: "registered_association",
    email: "kontakt@arbeitskreis-miteinander.example.org",
    contactName: "Aylin Probe",
    insurer: "Musterversicherung Rheinland AG",
    policyNumber: "HV-4711-2025",
    policyValidUntil: inMonths(18),
    town: "Willich",
  });
  await createTestOrganisation(db, {
    name: "Initiative LOB – Lebendig, Offen, Bunt",
    legalForm: "initiative",
    email: "hallo@initiative-lob.example.org",
    contactName: "Ben Beispielmann",
    town: "Willich-Schiefbahn",
  });
  await createTestOrganisation(db, {
    name: "SV Grün-Weiß Niersufer 1921 e.V.",
    legalForm: "registered_association",
    email: "vorstand@sv-niersufer.example.org",
    insurer: "Sportversicherung Beispiel VVaG",
    policyNumber: "SV-1921-0042",
    // Runs out soon: shows up in the office inbox.
    policyValidUntil: inMonths(1),
    town: "Willich-Neersen",
  });
  await createTestOrganisation(db, {
    name: "Freiwillige Feuerwehr – Löschzug Anrath (Jugendfeuerwehr)",
    legalForm: "other",
    email: "jugendfeuerwehr@example.org",
    town: "Willich-Anrath",
  });

  await createTestUser(db, { email: "koordination@example.org", name: "Jana Musterfrau", password: DEMO_PASSWORD, roles: ["coordinator"], organisationIds: [] });
  // A volunteer who finished registration and the intake (profile, both consents, active).
  await createTestVolunteer(db, {
    email: "ehrenamt@example.org",
    name: "Tomasz Beispiel",
    password: DEMO_PASSWORD,
    status: "active",
    districtId: 2,
    hasCar: true,
    languages: [
      { code: "pl", level: "native" },
      { code: "de", level: "C1" },
      { code: "en", level: "B2" },
    ],
    skills: ["fahrrad reparieren", "behördengänge"],
    fieldIds: [5, 7],
    availability: [
      { weekday: 2, slot: "evening" },
      { weekday: 6, slot: "morning" },
    ],
  });
  await createTestUser(db, {
    email: "verein@example.org",
    name: "Aylin Probe",
    password: DEMO_PASSWORD,
    roles: ["association_member"],
    organisationIds: [arbeitskreis.id],
  });
  await createTestUser(db, { email: "admin@example.org", name: "Konrad Admin", password: DEMO_PASSWORD, roles: ["admin", "coordinator"] });
  const more = ["Mira Sonnenfeld", "Oleksandra Testenko", "Samir Exempel", "Greta Platzhalter", "Yusuf Demoğlu"];
  for (const [i, name] of more.entries()) {
    const account = { email: `ehrenamt${i + 2}@example.org`, name, password: DEMO_PASSWORD, roles: ["volunteer" as const], locale: i === 1 ? "uk" : i === 2 ? "ar" : "de" };
    // The first two registered (one 20 days ago: an overdue intake in the office inbox); the others have only an account.
    if (i < 2) await createTestVolunteer(db, { ...account, statusChangedAt: new Date(Date.now() - (i === 0 ? 20 : 2) * 86400_000).toISOString() });
    else await createTestUser(db, account);
  }
  await seedCoverageDemo(db, DEMO_PASSWORD);
  await seedRooms(db);
  await seedDonationsDemo(db);
  await seedLegalPages(db);
  await seedSponsorshipsDemo(db);
  await seedTandemsDemo(db);
  await seedImportDemo(db);
  await seedReportsDemo(db);
  await seedAssociationsDemo(db, DEMO_PASSWORD);
  await seedProgrammesDemo(db);
  await seedSealDemo(db, DEMO_PASSWORD);
  await seedPrivacyDemo(db);
  await seedMessagesDemo(db);
  // Last: the work queue's backfill over everything seeded above.
  await seedTasksDemo(db, DEMO_LOGINS[0].email);
  return true;
}
