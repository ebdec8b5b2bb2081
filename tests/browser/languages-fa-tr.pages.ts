/**
 * The pages of the fa/tr crawl (issue #18), derived from the route × role matrix
 * (tests/integration/route-matrix/rows.ts), which has a row for every route of `app/routes`: every
 * route with a UI (a default export) is visited once, as the first role of `ROLE_ORDER` that its
 * row answers with 200, at the URL the row builds from the matrix's fixture. A new route is so
 * crawled as soon as it has its row. The few page routes no row answers with 200 are reached by an
 * entry in `EXTRAS` or named in `EXCLUDED` with the reason; `uncoveredRoutes()` lists any other.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { sealSecret } from "../../app/auth/two-factor.server";
import type { Actor } from "../../app/auth/permissions";
import { freezeReport } from "../../app/modules/reports/report.server";
import { periodOf } from "../../app/modules/reports/period";
import { getDb } from "../../app/utils/db.server";
import { createTestUser, createTestVolunteer } from "../factories";
import type { Fixture, Role } from "../integration/route-matrix/fixture";
import { ROWS } from "../integration/route-matrix/rows";
import type { Row, Table } from "../integration/route-matrix/table";
import remixConfig from "../../remix.config.js";

const APP = path.resolve(import.meta.dirname, "..", "..", "app");

/**
 * Who visits a page: the first role the matrix answers 200. Anonymous first (public pages as
 * visitors see them), then B (the volunteer with an assignment, hours, a tandem), Y's member (the
 * verified association with a programme), the office, and A (the seal's juror) last. The office's
 * pages are seen as the office sees them, the jury's as the juror.
 */
export const ROLE_ORDER = ["anonymous", "volunteerB", "memberY", "coordinator", "admin", "volunteerA", "memberX"] as const satisfies readonly Role[];
const FIRST_BY_AREA: Record<string, Role[]> = { office: ["coordinator", "admin"], jury: ["volunteerA"] };

function rolesFor(route: string): Role[] {
  const first = FIRST_BY_AREA[route.split(".")[0]] ?? [];
  return [...first, ...ROLE_ORDER.filter((r) => !first.includes(r))];
}

/** Accounts the matrix has no role for, each for one page (see `EXTRAS`). */
export type ExtraRole = "newcomer" | "twoFactor";
export type Visitor = Role | ExtraRole;

export type CrawlPage = {
  route: string;
  label?: string;
  role: Visitor;
  status: number;
  url: (w: CrawlWorld) => string | Promise<string>;
  /** Only in EXTRAS: the matrix's row of this route is not visited, for this reason. */
  instead?: string;
};

/** The matrix's fixture plus the records and accounts only this crawl needs. */
export type CrawlWorld = Fixture & { extra: Awaited<ReturnType<typeof buildExtras>> };

/**
 * Page routes that no matrix row answers with 200, reached here: a page behind a state the matrix
 * does not set up (a first login step waiting for the code, an account without a profile, a frozen
 * report, a link that no longer works).
 */
export const EXTRAS: CrawlPage[] = [
  // The login's second step: an account with two-factor login has just given its password.
  { route: "login_.zwei-faktor", role: "twoFactor", status: 200, url: () => "/login/zwei-faktor" },
  // Step 2 of the sign-up: an account that has no volunteer profile yet.
  { route: "mitmachen.profil", role: "newcomer", status: 200, url: () => "/mitmachen/profil" },
  { route: "office.reports.snapshots.$id", role: "coordinator", status: 200, url: (w) => `/office/reports/snapshots/${w.extra.snapshotId}` },
  {
    route: "office.tasks.$id",
    role: "coordinator",
    status: 200,
    url: (w) => `/office/tasks/${w.extra.openTaskId}`,
    instead: "the matrix's task (B's intake talk) is closed by the server's own reconciliation, B being active: an open task of the demo's is shown",
  },
  // A valid link verifies and redirects; the page itself is the answer to a used or broken link.
  { route: "verify-email.$token", role: "anonymous", status: 200, url: () => "/verify-email/invalid-token-0123456789" },
  // The error pages inside each area's layout (404 and 403), as the existing crawls reach them.
  { route: "office.volunteers.$id", label: "unknown volunteer (404)", role: "coordinator", status: 404, url: () => "/office/volunteers/unbekannt00000" },
  { route: "office._index", label: "a volunteer in the office (403)", role: "volunteerB", status: 403, url: () => "/office" },
  { route: "me.sponsorships.$id", label: "unknown tandem (404)", role: "volunteerB", status: 404, url: () => "/me/sponsorships/999999" },
  { route: "verein.sponsorships.$id", label: "unknown tandem (404)", role: "memberY", status: 404, url: () => "/verein/sponsorships/999999" },
  { route: "raum.buchung.$token", label: "unknown link (404)", role: "anonymous", status: 404, url: () => "/raum/buchung/AAAAAAAAAAAAAAAAAAAAAAAAAAA" },
];

/** Page routes not visited, with the reason. */
export const EXCLUDED: Record<string, string> = {
  "raum.buchung.$token_.bestaetigen": "a GET redirects to the booking's page (mail scanners open links); only its POST confirms, and it renders nothing itself",
};

const rowsOf = (name: string): Row[] => {
  const r = ROWS[name];
  return r === undefined ? [] : Array.isArray(r) ? r : [r];
};
const answer = (table: Table, role: Role) => table[role] ?? table["*"];

/** Every route of app/routes: its name (the key of ROWS) and whether it renders a page. */
export function pageRoutes(): Array<{ name: string; file: string; page: boolean }> {
  // As the compiler (and the matrix's handler) reads app/routes.
  const manifest = flatRoutes(APP, remixConfig.ignoredRouteFiles) as Record<string, { id: string; file: string }>;
  return Object.values(manifest)
    .filter((r) => r.id !== "root")
    .map((r) => {
      const source = fs.readFileSync(path.join(APP, r.file), "utf8");
      return { name: r.id.replace(/^routes\//, ""), file: r.file, page: /^export default\b/m.test(source) };
    });
}

/** The crawl: one page per page route (the matrix's 200 row), the 404 page, then the extras. */
export function crawlPages(): CrawlPage[] {
  const pages: CrawlPage[] = [];
  const replaced = new Set(EXTRAS.filter((e) => e.instead).map((e) => e.route));
  for (const { name, page } of pageRoutes()) {
    if (!page || replaced.has(name)) continue;
    found: for (const row of rowsOf(name)) {
      if (!row.get || row.knownBug) continue;
      for (const role of rolesFor(name)) {
        if (answer(row.get, role) === 200) {
          pages.push({ route: name, label: row.label, role, status: 200, url: row.url });
          break found;
        }
      }
    }
  }
  const notFound = rowsOf("$")[0];
  pages.push({ route: "$", label: "404", role: "anonymous", status: 404, url: notFound.url });
  pages.push(...EXTRAS);
  return pages.sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * Page routes neither crawled nor excluded (a new route without a row that answers 200, say),
 * and stale exclusions: each one is a line of the failure message.
 */
export function uncoveredRoutes(): string[] {
  const routes = pageRoutes();
  const crawled = new Set(crawlPages().map((p) => p.route));
  const problems: string[] = [];
  for (const { name, file, page } of routes) {
    if (!page || crawled.has(name) || name in EXCLUDED) continue;
    problems.push(`app/${file} renders a page, but no row of it in rows.ts answers a GET with 200, and it is not in EXTRAS or EXCLUDED (tests/browser/languages-fa-tr.pages.ts)`);
  }
  const names = new Map(routes.map((r) => [r.name, r]));
  for (const name of Object.keys(EXCLUDED)) {
    if (!names.get(name)?.page) problems.push(`EXCLUDED names "${name}", which is no page route (any more)`);
    else if (crawled.has(name)) problems.push(`EXCLUDED names "${name}", which is crawled: drop the exclusion`);
  }
  for (const extra of EXTRAS) if (!names.get(extra.route)?.page) problems.push(`EXTRAS names "${extra.route}", which is no page route (any more)`);
  return problems;
}

/** The password of the matrix's accounts (the factories' default) and of the extra ones. */
export const PASSWORD = "correct horse battery";

/** The records and accounts of `EXTRAS`, made in the server's database (`getDb()` points there). */
export async function buildExtras(f: Fixture) {
  const db = getDb();
  const now = new Date();
  // An account with two-factor login switched on (its key is never needed: the crawl stops at the code page).
  const twoFactor = await createTestVolunteer(db, { status: "active", name: "Zeynep Zwei" });
  await db.insertInto("user_totp").values({ user_id: twoFactor.id, secret: sealSecret(new Uint8Array(randomBytes(20))), confirmed_at: now.toISOString(), last_step: null, created_at: now.toISOString() }).execute();
  // An account that has given step 1 of the sign-up only.
  const newcomer = await createTestUser(db, { roles: ["volunteer"], name: "Nima Neu" });
  // A frozen report of the first quarter, as the freeze form on the report's page makes it.
  const coordinator = f.users.coordinator;
  const actor: Actor = { userId: coordinator.id, email: coordinator.email, name: "Kora Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  const snapshotId = await freezeReport(actor, { view: "overview", period: periodOf("quarter", "2026-01-01", "2026-03-31"), today: now.toISOString().slice(0, 10), label: "Quartalsbericht 2026-Q1" });
  // An open task of the demo's work queue (one the server's reconciliation keeps open).
  const task = await db.selectFrom("task").select("id").where("status", "=", "open").where("record_id", "!=", f.volunteerB.id).orderBy("id").executeTakeFirst();
  if (!task) throw new Error("the demo data has no open task: office.tasks.$id needs one");
  return { accounts: { twoFactor, newcomer } satisfies Record<ExtraRole, { email: string }>, snapshotId, openTaskId: task.id };
}
