/**
 * Privacy: every public route (everything outside /office, /me and /verein), loaded
 * anonymously and as a logged-in volunteer with the demo data in place, must not hand out a
 * household's code, name, phone, e-mail or street, nor a donor's contact or pickup address.
 * Loader data is what the pages render (plus static translations), so it is checked whole.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as root from "../../../app/root";
import { seedDemo } from "../../../db/seed/demo";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const routesDir = path.resolve(import.meta.dirname, "../../../app/routes");
const publicRoutes = fs
  .readdirSync(routesDir)
  .filter((f) => f.endsWith(".tsx") && !/^(office|me|verein)[._]/.test(f))
  .sort();

function urlOf(file: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const parts = file
    .replace(/\.tsx$/, "")
    .split(".")
    .filter((p) => p !== "_index")
    .map((p) => {
      if (p === "$") return (params["*"] = "nichts-hier");
      if (p.startsWith("$")) return (params[p.slice(1)] = "AAAAAAAAAAAAAAAAAAAAAAAAAAA");
      return p.replace(/\[|\]/g, "");
    });
  return { url: `/${parts.join("/")}`, params };
}

let secrets: string[] = [];
let volunteerCookie: string;

beforeAll(async () => {
  const db = getDb();
  await seedDemo(db);
  const households = await db.selectFrom("household").select(["code", "contact_name", "contact_phone", "contact_email", "street"]).execute();
  const offers = await db.selectFrom("donation_offer").select(["donor_name", "donor_email", "donor_phone", "pickup_street"]).execute();
  secrets = [...households.flatMap((h) => [h.code, h.contact_name, h.contact_phone, h.contact_email, h.street]), ...offers.flatMap((o) => [o.donor_name, o.donor_email, o.donor_phone, o.pickup_street])].filter(
    (s): s is string => !!s,
  );
  const v = await db.selectFrom("user").select("id").where("email", "=", "ehrenamt@example.org").executeTakeFirstOrThrow();
  volunteerCookie = await sessionCookie(v.id);
});

describe("public pages never show households' or donors' personal data", () => {
  it("has seeded secrets to look for", () => {
    expect(secrets.length).toBeGreaterThan(20);
    expect(publicRoutes).toContain("spenden._index.tsx");
  });

  for (const file of publicRoutes) {
    it(file, async () => {
      const mod = await import(path.join(routesDir, file));
      const { url, params } = urlOf(file);
      for (const cookie of [undefined, volunteerCookie]) {
        const parts = [await run(root.loader as never, makeRequest(url, { cookie }), params)];
        if (mod.loader) parts.push(await run(mod.loader, makeRequest(url, { cookie }), params));
        const text = JSON.stringify(parts.map((p) => p.data));
        for (const s of secrets) expect(text.includes(s), `${file} shows ${s}`).toBe(false);
      }
    });
  }

  it("the public needs list shows sums by category and size only", async () => {
    const mod = await import(path.join(routesDir, "spenden._index.tsx"));
    const res = await run(mod.loader, makeRequest("/spenden"));
    expect(res.data.needs.length).toBeGreaterThan(0);
    for (const row of res.data.needs) expect(Object.keys(row).sort()).toEqual(["categoryId", "households", "name_ar", "name_de", "name_en", "name_fa", "name_ru", "name_tr", "name_uk", "quantity", "season", "size", "slug", "sort_order", "urgent"]);
  });
});
