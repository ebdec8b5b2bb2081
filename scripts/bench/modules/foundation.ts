/**
 * The foundation's part of the benchmark: 200 organisations (the city, associations,
 * initiatives, other bodies), 10,000 volunteer accounts (some of them association members)
 * and the four demo logins the routes are measured with. Every name is invented.
 *
 * Ids for later modules (`ctx.ids`):
 * - `users`, `volunteers`: the 10,000 generated accounts (all hold the `volunteer` role);
 * - `organisations`: every organisation id; `associations`: registered associations (e.V.),
 *   `activeOrganisations`: the ones not archived; `city`: the coordination office;
 * - `associationMembers`: accounts with the `association_member` role;
 * - `demo:coordinator`, `demo:admin`, `demo:volunteer`, `demo:association_member`: the demo logins.
 */
import type { Insertable } from "kysely";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../../../db/seed/demo";
import type { LegalForm, OrganisationTable, Role, UserRoleTable, UserTable } from "../../../db/schema";
import { hashPassword } from "../../../app/auth/password.server";
import { base32Id, chunks, int, pick, sample, weighted } from "../random";
import type { BenchModule, BenchRoute } from "../types";
import { germanSortKey } from "../../../app/utils/text-keys";

export const ORGANISATIONS = 200;
export const VOLUNTEERS = 10_000;
/** Share of volunteers who are also members of an association (scoped to 1–2 organisations). */
const ASSOCIATION_MEMBER_SHARE = 0.03;

/** The floor: the app shell with a static page and no data of its own. */
export const FLOOR_ROUTE: BenchRoute = { name: "floor", path: "/datenschutz" };

const FIRST_NAMES = [
  // German
  "Anna", "Lukas", "Marie", "Jonas", "Sophie", "Paul", "Emma", "Felix", "Lena", "Maximilian",
  "Hannah", "Leon", "Mia", "Finn", "Laura", "Tim", "Sarah", "Jan", "Julia", "Niklas",
  "Katharina", "Thomas", "Sabine", "Andreas", "Petra", "Michael", "Monika", "Klaus", "Ursula",
  "Wolfgang", "Birgit", "Jürgen", "Heike", "Stefan", "Gabriele", "Dieter", "Renate", "Frank",
  "Karin", "Uwe", "Greta", "Mira", "Konrad", "Ida", "Theo", "Frieda", "Anton", "Clara",
  // Turkish, Kurdish
  "Ayşe", "Mehmet", "Elif", "Emre", "Zeynep", "Can", "Dilan", "Rojda",
  // Arabic, Persian, Dari
  "Amal", "Yusuf", "Layla", "Omar", "Nour", "Karim", "Rania", "Samir", "Farid", "Shirin", "Parisa",
  // Ukrainian, Russian, Polish
  "Olena", "Oleksandr", "Iryna", "Dmytro", "Tetiana", "Andrii", "Natalia", "Katarzyna", "Piotr", "Agnieszka", "Tomasz",
  // others
  "Fatou", "Kwame", "Amina", "Marco", "Lucía", "Arman", "Selam", "Abdi",
] as const;

/** Invented compound surnames; "Muster…" is one prefix in twenty (the search route looks for it). */
const SURNAME_PREFIXES = [
  "Muster", "Beispiel", "Probe", "Linden", "Eichen", "Birken", "Weiden", "Rosen", "Sonnen", "Berg",
  "Brunnen", "Feld", "Wald", "Stein", "Bach", "Heide", "Mühlen", "Kirsch", "Apfel", "Hasel",
] as const;
const SURNAME_SUFFIXES = ["mann", "feld", "berg", "hof", "kamp", "meier", "busch", "rath", "kötter", "dahl", "hausen", "brink"] as const;

const PLACES = [
  "Alt-Willich", "Schiefbahn", "Anrath", "Neersen", "Niersufer", "Kirchfeld", "Lindenhof", "Klein-Anrath",
  "Wekeln", "Unterbruch", "Vinnbrück", "Hülsdonk", "Am Bahnhof", "Stadtmitte", "Nord", "Süd",
] as const;
const ASSOCIATION_KINDS = [
  "Förderverein Grundschule", "Turnverein", "Heimatverein", "Kulturkreis", "Nachbarschaftshilfe", "Musikverein",
  "Schützenbruderschaft", "Tischtennisclub", "Bürgerverein", "Freundeskreis Asyl", "Sprachpaten", "Kleiderkammer",
  "Tafel", "Seniorenhilfe", "Jugendförderverein", "Chorgemeinschaft", "Gartenfreunde", "Schachclub",
] as const;
const INITIATIVE_KINDS = [
  "Initiative Willkommen", "Repair-Café", "Lesepaten", "Fahrradwerkstatt", "Elterncafé", "Begegnungstreff",
  "Hausaufgabenhilfe", "Nähtreff", "Gemeinschaftsgarten", "Spieletreff",
] as const;
const OTHER_KINDS = [
  "Kirchengemeinde", "Moscheegemeinde", "Familienzentrum", "Jugendfeuerwehr", "Seniorenbeirat", "Integrationsrat",
] as const;
const INSURERS = [
  "Musterversicherung Rheinland AG", "Beispiel Versicherung AG", "Sportversicherung Beispiel VVaG", "Niederrhein Haftpflicht (fiktiv) VaG",
] as const;

/** Lower-case ASCII for e-mail addresses: "Jürgen Weidenkötter" → "juergen.weidenkoetter". */
function ascii(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

export const foundation: BenchModule = {
  name: "foundation",
  requiresTables: ["user", "user_role", "session", "organisation", "organisation_member"],

  async generate(db, ctx) {
    const { random, now } = ctx;
    const nowIso = now.toISOString();
    // One argon2id hash for every account: hashing 10,000 times would take minutes.
    // Every bench account (and the demo logins) has the demo password.
    const passwordHash = await hashPassword(DEMO_PASSWORD);

    // Organisations: the city first, then a mix of legal forms.
    const names = new Set<string>();
    const unique = (base: string) => {
      let name = base;
      for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
      names.add(name);
      return name;
    };
    const orgs: Array<Insertable<OrganisationTable>> = [];
    for (let i = 0; i < ORGANISATIONS; i++) {
      const legalForm: LegalForm =
        i === 0 ? "city" : weighted(random, [["registered_association", 65], ["initiative", 23], ["other", 12]] as const);
      const place = pick(random, PLACES);
      const name =
        legalForm === "city"
          ? unique("Stadt Willich – Koordinierungsstelle Ehrenamt")
          : legalForm === "registered_association"
            ? unique(`${pick(random, ASSOCIATION_KINDS)} ${place} e.V.`)
            : legalForm === "initiative"
              ? unique(`${pick(random, INITIATIVE_KINDS)} ${place}`)
              : unique(`${pick(random, OTHER_KINDS)} ${place}`);
      const association = legalForm === "registered_association";
      // Policies: most valid, some running out soon or expired (office inbox), a few missing.
      const policy = association ? weighted(random, [["valid", 80], ["soon", 10], ["expired", 5], ["missing", 5]] as const) : "missing";
      const validUntil =
        policy === "valid" ? addDays(now, int(random, 90, 1100)) : policy === "soon" ? addDays(now, int(random, 1, 60)) : addDays(now, -int(random, 1, 400));
      const created = addDays(now, -int(random, 30, 1500)).toISOString();
      const slug = ascii(name).slice(0, 40);
      orgs.push({
        name,
        name_key: germanSortKey(name),
        legal_form: legalForm,
        contact_name: `${pick(random, FIRST_NAMES)} ${pick(random, SURNAME_PREFIXES)}${pick(random, SURNAME_SUFFIXES)}`,
        email: `kontakt@${slug}.example.org`,
        // 0221 4710 xxx: a number range the Bundesnetzagentur keeps free for fiction.
        phone: random() < 0.6 ? `0221 4710 ${String(int(random, 0, 999)).padStart(3, "0")}` : null,
        street: random() < 0.7 ? `${pick(random, ["Beispielstraße", "Musterweg", "Probegasse", "Am Platzhalter"])} ${int(random, 1, 120)}` : null,
        postal_code: "47877",
        town: "Willich",
        website: random() < 0.3 ? `https://${slug}.example.org` : null,
        insurer: policy === "missing" ? null : pick(random, INSURERS),
        policy_number: policy === "missing" ? null : `HV-${int(random, 1000, 9999)}-${int(random, 100, 999)}`,
        policy_valid_until: policy === "missing" ? null : isoDay(validUntil),
        archived_at: i > 0 && random() < 0.04 ? addDays(now, -int(random, 1, 300)).toISOString() : null,
        created_at: created,
        updated_at: created,
      });
    }
    const orgIds: number[] = [];
    await db.transaction().execute(async (trx) => {
      for (const batch of chunks(orgs, 100)) {
        const rows = await trx.insertInto("organisation").values(batch).returning("id").execute();
        orgIds.push(...rows.map((r) => Number(r.id)));
      }
    });
    const active = orgIds.filter((_, i) => orgs[i].archived_at === null);
    const memberOrgs = orgIds.filter((_, i) => orgs[i].archived_at === null && orgs[i].legal_form !== "city");

    // Volunteers.
    const seenIds = new Set<string>();
    const users: Array<Insertable<UserTable>> = [];
    const roles: Array<Insertable<UserRoleTable>> = [];
    const members: Array<{ user_id: string; organisation_id: number; created_at: string }> = [];
    for (let i = 0; i < VOLUNTEERS; i++) {
      let id = base32Id(random);
      while (seenIds.has(id)) id = base32Id(random);
      seenIds.add(id);
      const first = pick(random, FIRST_NAMES);
      const last = `${pick(random, SURNAME_PREFIXES)}${pick(random, SURNAME_SUFFIXES)}`;
      const created = addDays(now, -int(random, 0, 1100));
      const createdIso = created.toISOString();
      users.push({
        id,
        email: `${ascii(first)}.${ascii(last)}.${i + 1}@example.org`,
        name: `${first} ${last}`,
        name_key: germanSortKey(`${first} ${last}`),
        password_hash: passwordHash,
        email_verified_at: random() < 0.95 ? addDays(created, int(random, 0, 3)).toISOString() : null,
        locale: weighted(random, [["de", 85], ["en", 5], ["ar", 5], ["uk", 5]] as const),
        disabled_at: random() < 0.01 ? addDays(now, -int(random, 0, 200)).toISOString() : null,
        created_at: createdIso,
        updated_at: createdIso,
      });
      roles.push({ user_id: id, role: "volunteer", created_at: createdIso });
      if (random() < ASSOCIATION_MEMBER_SHARE) {
        roles.push({ user_id: id, role: "association_member", created_at: createdIso });
        for (const organisation_id of sample(random, memberOrgs, int(random, 1, 2))) members.push({ user_id: id, organisation_id, created_at: createdIso });
      }
    }

    // The demo logins (the same e-mails, names and password as the demo seed).
    const demoIds: Partial<Record<Role, string>> = {};
    for (const login of DEMO_LOGINS) {
      const id = base32Id(random);
      demoIds[login.role] = id;
      users.push({
        id,
        email: login.email,
        name: login.name,
        name_key: germanSortKey(login.name),
        password_hash: passwordHash,
        email_verified_at: nowIso,
        locale: "de",
        disabled_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      });
      const loginRoles: Role[] = login.role === "admin" ? ["admin", "coordinator"] : [login.role];
      for (const role of loginRoles) roles.push({ user_id: id, role, created_at: nowIso });
      if (login.role === "association_member") {
        for (const organisation_id of memberOrgs.slice(0, 2)) members.push({ user_id: id, organisation_id, created_at: nowIso });
      }
    }

    await db.transaction().execute(async (trx) => {
      for (const batch of chunks(users, 500)) await trx.insertInto("user").values(batch).execute();
      for (const batch of chunks(roles, 1000)) await trx.insertInto("user_role").values(batch).execute();
      for (const batch of chunks(members, 1000)) await trx.insertInto("organisation_member").values(batch).execute();
    });

    const volunteerIds = users.slice(0, VOLUNTEERS).map((u) => u.id);
    ctx.ids.users = volunteerIds;
    ctx.ids.volunteers = volunteerIds;
    ctx.ids.organisations = orgIds;
    ctx.ids.activeOrganisations = active;
    ctx.ids.associations = orgIds.filter((_, i) => orgs[i].legal_form === "registered_association");
    ctx.ids.city = [orgIds[0]];
    ctx.ids.associationMembers = [...new Set(members.map((m) => m.user_id))];
    for (const [role, id] of Object.entries(demoIds)) ctx.ids[`demo:${role}`] = [id];
  },

  routes: () => [
    FLOOR_ROUTE,
    // The same static page logged in: the cost of the session lookup alone.
    { name: "floor-coordinator", path: "/datenschutz", role: "coordinator" },
    { name: "home", path: "/" },
    { name: "login", path: "/login" },
    { name: "office-inbox", path: "/office", role: "coordinator" },
    { name: "organisations", path: "/office/organisations", role: "coordinator" },
    { name: "users", path: "/office/users", role: "admin" },
    { name: "users-search", path: "/office/users?q=Muster", role: "admin" },
    { name: "healthz", path: "/healthz" },
  ],
};
