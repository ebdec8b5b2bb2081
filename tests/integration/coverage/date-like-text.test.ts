/**
 * Free text that looks like a date (an assignment's document reference "2026-02-30") is stored
 * as text and shown as text: the assignment page, its history included, keeps answering 200.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as detail from "../../../app/routes/office.assignments.$id";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";

let cookie: string;
let id: number;

beforeAll(async () => {
  const db = getDb();
  const org = (await createTestOrganisation(db, { name: "Stadt Willich", legalForm: "city" })).id;
  const c = await createTestUser(db, { roles: ["coordinator"], name: "Clara Koordination" });
  const v = await createTestUser(db, { roles: ["volunteer"], name: "Vera Volunteer" });
  cookie = await sessionCookie(c.id);
  id = (await createTestAssignment(db, { volunteerId: v.id, organisationId: org, createdBy: c.id })).id;
  // A first history entry: every later one lists what changed against it.
  const first = await run(detail.action, makeRequest(`/office/assignments/${id}`, { form: { intent: "update", endDay: "", documentRef: "AZ 0" }, cookie }), { id: String(id) });
  expect(first.status).toBe(302);
});

describe("a document reference shaped like an impossible date", () => {
  it.each(["2026-02-30", "2026-13-01", "0000-00-00"])("%s is saved, and the page and its history render (200, the text as typed)", async (ref) => {
    const saved = await run(detail.action, makeRequest(`/office/assignments/${id}`, { form: { intent: "update", endDay: "", documentRef: ref }, cookie }), { id: String(id) });
    expect(saved.status).toBe(302);
    const row = await getDb().selectFrom("assignment").select("document_ref").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.document_ref).toBe(ref);
    for (const lang of ["de", "ar"] as const) {
      const page = await renderRoute(detail, `/office/assignments/${id}`, { cookie, params: { id: String(id) }, lang });
      expect(page.status).toBe(200);
      // Shown in the details and in the history entry of the change, exactly as typed.
      expect(page.text.split(ref).length - 1, `${lang}: ${page.text}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("the end day in the history is still formatted as a day", async () => {
    await run(detail.action, makeRequest(`/office/assignments/${id}`, { form: { intent: "update", endDay: "2026-12-31", documentRef: "AZ 1" }, cookie }), { id: String(id) });
    const page = await renderRoute(detail, `/office/assignments/${id}`, { cookie, params: { id: String(id) } });
    expect(page.text).toContain("31.12.2026");
  });
});
