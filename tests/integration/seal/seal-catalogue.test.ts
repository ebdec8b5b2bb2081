/**
 * The seal's criteria catalogue (versioned, configured by the office), the office inbox's seal
 * items and the quorum count there, on a database of its own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { listInbox } from "../../../app/modules/office/inbox.server";
import * as criteriaPage from "../../../app/routes/office.seal.criteria";
import * as applyList from "../../../app/routes/verein.siegel._index";
import * as register from "../../../app/routes/siegel._index";
import * as selfCheck from "../../../app/routes/siegel.selbstcheck";
import { getActor } from "../../../app/auth/session.server";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestApplication, createTestAssignment, createTestAward, createTestCatalogue, createTestJuror } from "../../factories/seal";
import { makeTestAdmins } from "../../factories/associations";
import { berlinDay, addDaysToDay } from "../../../app/utils/dates";

const db = () => getDb();
let office: string;
let member: string;
let orgId: number;

const criteria = () => db().selectFrom("seal_criterion").selectAll().orderBy("version").orderBy("sort_order").orderBy("id").execute();
const post = (form: Record<string, string>, cookie = office) => run(criteriaPage.action, makeRequest("/office/seal/criteria", { form, cookie }));
const valid = { intent: "criterion", code: "sprachkurs", kind: "elective", weight: "2", titleDe: "Sprachkurse im Verein", evidenceDe: "Kursplan" };

beforeAll(async () => {
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  orgId = (await createTestOrganisation(db(), { name: "Katalog e.V." })).id;
  const m = await createTestUser(db(), { roles: ["association_member"], organisationIds: [orgId] });
  await makeTestAdmins(db(), orgId, [m.id]);
  member = await sessionCookie(m.id);
});

describe("the criteria catalogue", () => {
  it("cannot be applied against before a version is published", async () => {
    const res = await run(applyList.action, makeRequest("/verein/siegel", { form: { intent: "start", organisationId: String(orgId) }, cookie: member }));
    expect(res.status).toBe(400);
    expect(res.data.error.organisationId).toEqual(["seal:errors.noCatalogue"]);
    expect((await run(criteriaPage.loader, makeRequest("/office/seal/criteria", { cookie: member }))).status).toBe(403);
    expect((await post(valid, member)).status).toBe(403);
  });

  it("is edited in a draft version: bad input is answered at the field and nothing is written", async () => {
    expect((await post(valid)).data.error[""]).toEqual(["seal:errors.noDraft"]);
    expect((await post({ intent: "new-version" })).status).toBe(302);
    const bad = await post({ intent: "criterion", code: "Sprach Kurs", kind: "optional", weight: "9", titleDe: "<b>fett</b>", evidenceDe: "" });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toMatchObject({ code: ["seal:errors.code"], kind: ["errors.invalidChoice"], titleDe: ["errors.forbiddenCharacters"], evidenceDe: ["errors.required"] });
    expect(bad.data.error.weight[0]).toMatch(/^seal:errors\.weight/);
    expect(bad.data.initialValue.titleDe).toBe("<b>fett</b>");
    expect(await criteria()).toEqual([]);
    expect((await post(valid)).status).toBe(302);
    const taken = await post({ ...valid, titleDe: "Doppelt" });
    expect(taken.data.error.code).toEqual(["seal:errors.codeTaken"]);
    expect((await post({ ...valid, code: "pflicht", kind: "mandatory", titleDe: "Ansprechperson", titleAr: "شخص اتصال" })).status).toBe(302);
    const rows = await criteria();
    expect(rows.map((r) => [r.version, r.code, r.kind, r.weight])).toEqual([
      [1, "sprachkurs", "elective", 2],
      [1, "pflicht", "mandatory", 2],
    ]);
    expect(rows[1].title_ar).toBe("شخص اتصال");
  });

  it("is published with a k-of-n rule no larger than its electives, then frozen", async () => {
    const tooMany = await post({ intent: "publish", electiveMin: "2" });
    expect(tooMany.data.error.electiveMin).toEqual([`seal:errors.electiveMin|${JSON.stringify({ max: 1 })}`]);
    expect((await post({ intent: "publish", electiveMin: "x" })).data.error.electiveMin).toBeDefined();
    expect((await post({ intent: "publish", electiveMin: "1" })).status).toBe(302);
    const cat = await db().selectFrom("seal_catalogue").selectAll().executeTakeFirstOrThrow();
    expect(cat.elective_min).toBe(1);
    expect(cat.published_at).not.toBeNull();
    // Published: no more edits; the public register shows the criteria.
    expect((await post({ ...valid, code: "neu", titleDe: "Neu" })).data.error[""]).toEqual(["seal:errors.noDraft"]);
    const page = await run(register.loader, makeRequest("/siegel"));
    expect(page.data.catalogue.criteria.map((c: { code: string }) => c.code)).toEqual(["sprachkurs", "pflicht"]);
  });

  it("starts the next version as a copy; running applications keep theirs", async () => {
    const app = await createTestApplication(db(), { organisationId: orgId, version: 1, status: "draft" });
    expect((await post({ intent: "new-version" })).status).toBe(302);
    expect((await post({ intent: "new-version" })).data.error[""]).toEqual(["seal:errors.draftExists"]);
    const v2 = (await criteria()).filter((c) => c.version === 2);
    expect(v2.map((c) => c.code)).toEqual(["sprachkurs", "pflicht"]);
    expect((await post({ ...valid, criterionId: String(v2[0].id), titleDe: "Sprachkurse und Sprachcafé" })).status).toBe(302);
    // Editing a criterion of the published version through a forged id: not found.
    const v1 = (await criteria()).find((c) => c.version === 1)!;
    expect((await post({ ...valid, code: "gefaelscht", criterionId: String(v1.id), titleDe: "Gefälscht" })).status).toBe(404);
    expect((await criteria()).find((c) => c.id === v1.id)!.title_de).toBe("Sprachkurse im Verein");
    expect((await db().selectFrom("seal_application").select("catalogue_version").where("id", "=", app.id).executeTakeFirstOrThrow()).catalogue_version).toBe(1);
  });
});

describe("the quick self-check", () => {
  it("tells without login which mandatory criteria are missing and whether the electives suffice; ignores unknown ids", async () => {
    const v1 = (await criteria()).filter((c) => c.version === 1);
    const [elective, mandatory] = v1;
    const none = await run(selfCheck.loader, makeRequest(`/siegel/selbstcheck?check=1&c=${elective.id}&c=abc&c=999999`));
    expect(none.data.ticked).toEqual([elective.id]);
    expect(none.data.result).toMatchObject({ missingMandatory: [mandatory.id], electives: 1, electiveMin: 1, enough: false });
    const all = await run(selfCheck.loader, makeRequest(`/siegel/selbstcheck?check=1&c=${elective.id}&c=${mandatory.id}`));
    expect(all.data.result.enough).toBe(true);
    expect((await run(selfCheck.loader, makeRequest("/siegel/selbstcheck"))).data.result).toBeNull();
  });
});

describe("the office inbox", () => {
  it("lists applications to screen, decisions due with a quorum, and seals running out", async () => {
    const coordinator = await createTestUser(db(), { roles: ["coordinator"] });
    const actor = (await getActor(makeRequest("/office", { cookie: await sessionCookie(coordinator.id) })))!;
    await createTestCatalogue(db(), { version: 10 });
    const a = await createTestOrganisation(db(), { name: "Eingang e.V." });
    const b = await createTestOrganisation(db(), { name: "Entscheidung e.V." });
    const c = await createTestOrganisation(db(), { name: "Ablauf e.V." });
    const submitted = await createTestApplication(db(), { organisationId: a.id, version: 10, status: "submitted", answered: true });
    const reviewed = await createTestApplication(db(), { organisationId: b.id, version: 10, status: "in_review", answered: true });
    for (const name of ["J1", "J2", "J3"]) {
      const j = await createTestUser(db(), { name });
      await createTestJuror(db(), j.id);
      // J3 declared a conflict: two reviews make the quorum, the conflict does not count.
      await createTestAssignment(db(), name === "J3" ? { applicationId: reviewed.id, jurorId: j.id, conflict: "declared" } : { applicationId: reviewed.id, jurorId: j.id, review: { score: 3, recommendation: "award" } });
    }
    const awarded = await createTestApplication(db(), { organisationId: c.id, version: 10, status: "awarded" });
    const today = berlinDay(new Date());
    await createTestAward(db(), { applicationId: awarded.id, organisationId: c.id, code: "2025-0123456789", awardedOn: "2025-01-01", validUntil: addDaysToDay(today, 30) });

    const { items } = await listInbox(actor, new Date());
    const seal = items.filter((i) => i.module === "seal").map((i) => [i.titleKey, i.values?.name, i.href]);
    expect(seal).toEqual(
      expect.arrayContaining([
        ["seal:inbox.toScreen", "Eingang e.V.", `/office/seal/${submitted.id}`],
        ["seal:inbox.toDecide", "Entscheidung e.V.", `/office/seal/${reviewed.id}`],
        ["seal:inbox.expiring", "Ablauf e.V.", `/office/seal/${awarded.id}`],
        // Awarded on 2025-01-01: the interim check is due since 2026-01-01.
        ["seal:inbox.interimDue", "Ablauf e.V.", `/office/seal/${awarded.id}`],
      ]),
    );
    expect(seal).toHaveLength(4);
    // Once recorded, the interim check leaves the inbox.
    await db().insertInto("seal_event").values({ application_id: awarded.id, actor_user_id: coordinator.id, action: "interim-check", details: null, created_at: new Date().toISOString() }).execute();
    const after = (await listInbox(actor, new Date())).items.filter((i) => i.module === "seal").map((i) => i.titleKey);
    expect(after).not.toContain("seal:inbox.interimDue");
  });
});
