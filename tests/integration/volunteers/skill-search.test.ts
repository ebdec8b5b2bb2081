/**
 * The office list's skill filter ignores case, umlauts (Ä as A, ß as ss) and Arabic alef forms on
 * both engines (issue #13): up to 500 matching tags are looked up first, beyond that the stored
 * `skill_key` (migration 0033) is searched; both ways give the same volunteers. The command that
 * saves a profile writes the key with the skill, and a profile lists its skills in German order.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { germanSortKey } from "../../../app/utils/text-keys";
import * as list from "../../../app/routes/office.volunteers._index";
import * as meProfil from "../../../app/routes/me.profil";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";

let coordinator: string;

async function names(skill: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const res = await run(list.loader, makeRequest(`/office/volunteers?skill=${encodeURIComponent(skill)}&page=${page}`, { cookie: coordinator }));
    expect(res.status, skill).toBe(200);
    out.push(...res.data.result.items.map((i: { name: string }) => i.name));
    if (page * res.data.result.pageSize >= res.data.result.total) return out.sort();
  }
}

/**
 * Each search with the volunteers it must find, and whether it also matches the many tags of the
 * second test (then it finds their volunteer too, through the stored key).
 */
const SEARCHES: Array<{ q: string; finds: string[]; many: boolean }> = [
  { q: "behördengänge", finds: ["Umlaut Uwe"], many: true },
  { q: "BEHORDENGANGE", finds: ["Umlaut Uwe"], many: true },
  { q: "Behördengänge", finds: ["Umlaut Uwe"], many: true },
  { q: "nachhilfe", finds: ["Groß Gerda"], many: true },
  { q: "NACHHILFE   mathe", finds: ["Groß Gerda"], many: false },
  { q: "strasse", finds: ["Scharf Sven"], many: true },
  { q: "STRASSENFEST", finds: ["Scharf Sven"], many: true },
  { q: "Straßenfest", finds: ["Scharf Sven"], many: true },
  { q: "ارشاد", finds: ["Arabisch Amal"], many: true },
  { q: "إرشاد", finds: ["Arabisch Amal"], many: true },
  { q: "إرْشاد", finds: ["Arabisch Amal"], many: true },
  { q: "kein solches talent", finds: [], many: false },
];

beforeAll(async () => {
  const db = getDb();
  coordinator = await sessionCookie((await createTestUser(db, { roles: ["coordinator"] })).id);
  await createTestVolunteer(db, { name: "Umlaut Uwe", skills: ["Behördengänge begleiten"] });
  await createTestVolunteer(db, { name: "Groß Gerda", skills: ["NACHHILFE Mathe"] });
  await createTestVolunteer(db, { name: "Scharf Sven", skills: ["Straßenfest helfen"] });
  await createTestVolunteer(db, { name: "Arabisch Amal", skills: ["إرشاد الأسر"] });
});

describe("skill filter", () => {
  it("ignores case, umlauts and alef forms with few matching tags", async () => {
    for (const { q, finds } of SEARCHES) expect(await names(q), q).toEqual([...finds].sort());
  });

  it("finds the same volunteers when more than 500 tags match (the stored key is searched)", async () => {
    // One volunteer with 520 tags, each containing every searched part: every search matches them all.
    const many = Array.from({ length: 520 }, (_, i) => `Behördengänge Nachhilfe Straßenfest إرشاد ${String(i).padStart(3, "0")}`);
    await createTestVolunteer(getDb(), { name: "Viele Vera", skills: many });
    const keys = await getDb().selectFrom("volunteer_skill").select("skill_key").distinct().execute();
    expect(keys.filter((k) => k.skill_key.includes("behordengange")).length).toBeGreaterThan(500);
    for (const { q, finds, many } of SEARCHES) expect(await names(q), q).toEqual((many ? [...finds, "Viele Vera"] : finds).sort());
    // The user's `%` and `_` stay plain characters on the key's path too.
    expect(await names("f%n")).toEqual([]);
  });
});

describe("saving a profile", () => {
  it("writes each skill's key, and the profile lists the skills in German order", async () => {
    const v = await createTestVolunteer(getDb(), { name: "Profil Paula", skills: ["alt"] });
    const cookie = await sessionCookie(v.id);
    const form = {
      name: "Profil Paula",
      phone: "",
      districtId: "3",
      "languages[0].code": "de",
      "languages[0].level": "native",
      skills: "Zeitung austragen, Übersetzen, arabisch lesen, ÄRZTEBEGLEITUNG",
      availability: ["6-afternoon"],
      birthYear: "",
      gender: "",
    };
    expect((await run(meProfil.action, makeRequest("/me/profil", { cookie, form }))).status).toBe(302);
    const rows = await getDb().selectFrom("volunteer_skill").select(["skill", "skill_key"]).where("user_id", "=", v.id).execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.skill_key, r.skill).toBe(germanSortKey(r.skill));
    const page = await run(meProfil.loader, makeRequest("/me/profil", { cookie }));
    expect(page.data.defaults.skills).toBe("arabisch lesen, ÄRZTEBEGLEITUNG, Übersetzen, Zeitung austragen");
    expect(await names("ubersetzen")).toEqual(["Profil Paula"]);
    expect(await names("ärztebegleitung")).toEqual(["Profil Paula"]);
  });
});
