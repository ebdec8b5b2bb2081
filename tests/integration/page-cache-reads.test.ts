/**
 * Caches fail closed (house style, ADR 0019): every table a cached public page reads must bump one
 * of the page's cache scopes when it changes. The test renders the data of each cached page in
 * process (the loaders of its route and of the root, as Remix runs them), records every query
 * (`recordQueries`), asks SQLite which tables those queries read, and compares them with the
 * tables whose triggers bump the page's scopes. A new cached page, or a page that starts reading
 * another table, fails here until its invalidation is in place.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_PAGES } from "../../app/utils/page-cache.server";
import { getDb, recordQueries, tablesOfScopes, tablesRead } from "../../app/utils/db.server";
import { clearDerived } from "../../app/utils/derived-cache.server";
import { createTestOrganisation, createTestRoom } from "../factories";
import { createTestHousehold, createTestNeed } from "../factories/donations";
import { createTestAssociation } from "../factories/associations";
import { createTestApplication, createTestAward, createTestCatalogue } from "../factories/seal";
import { makeRequest, run } from "../setup/remix";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

/** A path of each cached page, with the route file that answers it. */
const SAMPLES: Array<{ path: string; route: string; params?: (roomId: number) => Record<string, string> }> = [
  { path: "/", route: "_index.tsx" },
  { path: "/datenschutz", route: "datenschutz.tsx" },
  { path: "/raum", route: "raum._index.tsx" },
  { path: "/raum/:id", route: "raum.$id._index.tsx", params: (id) => ({ id: String(id) }) },
  { path: "/raum/:id?view=month", route: "raum.$id._index.tsx", params: (id) => ({ id: String(id) }) },
  { path: "/raum/:id/kalender.ics", route: "raum.$id.kalender[.]ics.ts", params: (id) => ({ id: String(id) }) },
  { path: "/spenden", route: "spenden._index.tsx" },
  { path: "/vereine", route: "vereine._index.tsx" },
  { path: "/vereine?field=1&language=ar&free=1", route: "vereine._index.tsx" },
  { path: "/vereine/:association", route: "vereine.$id.tsx", params: () => ({ id: String(associationId) }) },
  { path: "/siegel", route: "siegel._index.tsx" },
  { path: "/siegel/2026-0A1B2C3D4E", route: "siegel.$code.tsx", params: () => ({ code: "2026-0A1B2C3D4E" }) },
  // The offers directory (issue #15).
  { path: "/angebote", route: "angebote._index.tsx" },
  { path: "/angebote?q=training&field=1&language=de&target=everyone&weekday=2&free=1", route: "angebote._index.tsx" },
  { path: "/angebote/:offer", route: "angebote.$id._index.tsx", params: () => ({ id: String(offerId) }) },
  { path: "/angebote/:offer/kalender.ics", route: "angebote.$id.kalender[.]ics.ts", params: () => ({ id: String(offerId) }) },
  { path: "/angebote/:offer/aushang", route: "angebote.$id.aushang.tsx", params: () => ({ id: String(offerId) }) },
];

let roomId = 0;
let associationId = 0;
let offerId = 0;
const pathOf = (p: string) => p.replace(":id", String(roomId)).replace(":association", String(associationId)).replace(":offer", String(offerId));

beforeAll(async () => {
  const db = getDb();
  roomId = (await createTestRoom(db)).id;
  await createTestOrganisation(db, { legalForm: "city" });
  const household = await createTestHousehold(db);
  await createTestNeed(db, household.id);
  // A verified association with a published offer: /vereine and /vereine/:id read every table behind them.
  const association = await createTestAssociation(db, { status: "verified", offers: 1 });
  associationId = association.id;
  offerId = association.offerIds[0];
  await db.insertInto("association_offer_date").values({ offer_id: offerId, kind: "weekly", weekday: 2, start_time: "17:00", end_time: "19:00", valid_from: "2026-01-06", valid_until: null, starts_at: null, ends_at: null }).execute();
  // The seal's register and verification page read an award, its organisation and the catalogue.
  const sealed = await createTestOrganisation(db, { name: "Siegel e.V." });
  await createTestCatalogue(db, { version: 1 });
  const application = await createTestApplication(db, { organisationId: sealed.id, status: "awarded" });
  await createTestAward(db, { applicationId: application.id, organisationId: sealed.id, code: "2026-0A1B2C3D4E", awardedOn: "2026-01-01", validUntil: "2099-12-31" });
});

type Loader = Parameters<typeof run>[0];

/** The tables read while the root's and the route's loaders answer an anonymous GET of `url`. */
async function tablesOfPage(url: string, route: string, params: Record<string, string>): Promise<Set<string>> {
  const root = (await import("../../app/root")) as { loader?: Loader };
  const leaf = (await import(path.join(ROUTES, route))) as { loader?: Loader };
  // Derived values (e.g. the directory's lookups) computed afresh, so their tables are seen here.
  clearDerived();
  const { queries } = await recordQueries(async () => {
    for (const loader of [root.loader, leaf.loader]) {
      if (!loader) continue;
      const res = await run(loader, makeRequest(url), params);
      expect(res.status, url).toBe(200);
    }
  });
  // The scope versions themselves (read by the derived cache) are the invalidation, not data.
  return new Set([...(await tablesRead(queries))].filter((t) => !VERSION_TABLES.has(t)));
}
const VERSION_TABLES = new Set(["cache_scope", "cache_scope_bump"]);

describe("every table a cached public page reads invalidates it", () => {
  it("each cached page has a sample here, answered by an existing route file", () => {
    for (const rule of PUBLIC_PAGES) {
      const samples = SAMPLES.filter((s) => rule.path.test(pathOf(s.path).split("?")[0]));
      expect(samples.length, `no sample path for the cached page ${rule.path}: add one to SAMPLES`).toBeGreaterThan(0);
    }
    for (const s of SAMPLES) expect(fs.existsSync(path.join(ROUTES, s.route)), s.route).toBe(true);
  });

  it("reads only tables whose changes bump one of the page's scopes", async () => {
    const invalidating = await tablesOfScopes();
    const problems: string[] = [];
    let pagesReadingData = 0;
    for (const s of SAMPLES) {
      const url = pathOf(s.path);
      const rule = PUBLIC_PAGES.find((r) => r.path.test(url.split("?")[0]))!;
      const read = await tablesOfPage(url, s.route, s.params?.(roomId) ?? {});
      if (read.size) pagesReadingData++;
      const covered = new Set(rule.scopes.flatMap((scope) => [...(invalidating.get(scope) ?? [])]));
      const missing = [...read].filter((t) => !covered.has(t));
      if (missing.length) problems.push(`${url} (scopes ${rule.scopes.join(", ") || "none"}) reads ${missing.join(", ")}, which bump none of them`);
    }
    expect(problems, "Add the table to a scope (a trigger in a new migration) and the scope to the page's rule in PUBLIC_PAGES").toEqual([]);
    // The recording sees real reads (the test could fail).
    expect(pagesReadingData).toBeGreaterThanOrEqual(4);
  });

  it("the recording finds a table that invalidates nothing (the check can fail)", async () => {
    const { queries } = await recordQueries(() => getDb().selectFrom("audit_log").select("id").limit(1).execute());
    const read = await tablesRead(queries);
    expect([...read]).toEqual(["audit_log"]);
    expect([...(await tablesOfScopes()).values()].some((t) => t.has("audit_log"))).toBe(false);
  });
});
