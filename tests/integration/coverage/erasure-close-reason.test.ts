/**
 * The reason written when an erasure request closes assignments is stored as a language-neutral
 * code and shown in the reader's language (de, en, ar, uk); rows written before the code, which hold
 * the German sentence, are shown translated the same way. The office's own reasons stay as typed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as meData from "../../../app/routes/me.daten";
import * as assignmentPage from "../../../app/routes/office.assignments.$id";
import * as closeStep from "../../../app/routes/office.assignments.$id_.close";
import { ERASURE_CLOSE_CODE, LEGACY_ERASURE_CLOSE_REASON } from "../../../app/modules/coverage/close-reason";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import { resources } from "../../../app/i18n/resources.server";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";

const today = berlinDay(new Date());
let coordinator: { id: string; cookie: string };
let org: number;

beforeAll(async () => {
  const c = await createTestUser(getDb(), { roles: ["coordinator"] });
  coordinator = { id: c.id, cookie: await sessionCookie(c.id) };
  org = (await createTestOrganisation(getDb(), { name: "Stadt Willich", legalForm: "city" })).id;
});

const erasureText = (lang: string) => (resources[lang as "de"].coverage as { close: { reasons: { erasure: string } } }).close.reasons.erasure;

async function assignmentOf(name: string) {
  const v = await createTestVolunteer(getDb(), { name });
  const id = (await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: org, createdBy: coordinator.id, activity: "Hausaufgabenhilfe", startDay: addDaysToDay(today, -30) })).id;
  return { volunteer: v, id };
}

const page = (id: number, lang: (typeof SUPPORTED_LANGUAGES)[number]) =>
  renderRoute(assignmentPage, `/office/assignments/${id}`, { cookie: coordinator.cookie, params: { id: String(id) }, lang });

describe("the erasure close reason", () => {
  it("is translated in every language", () => {
    const texts = SUPPORTED_LANGUAGES.map(erasureText);
    for (const [i, text] of texts.entries()) expect(text, SUPPORTED_LANGUAGES[i]).toBeTruthy();
    expect(new Set(texts).size).toBe(SUPPORTED_LANGUAGES.length);
  });

  it("is stored as a code by the erasure and shown in the reader's language", async () => {
    const { volunteer, id } = await assignmentOf("Erna Code");
    const res = await run(meData.action, makeRequest("/me/daten", { cookie: await sessionCookie(volunteer.id), form: { confirm: "on" } }));
    expect(res.status).toBe(302);
    const row = await getDb().selectFrom("assignment").select(["closed_on", "close_reason"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ closed_on: today, close_reason: ERASURE_CLOSE_CODE });
    for (const lang of SUPPORTED_LANGUAGES) {
      const shown = await page(id, lang);
      expect(shown.status).toBe(200);
      expect(shown.text, lang).toContain(erasureText(lang));
      expect(shown.text, lang).not.toContain(ERASURE_CLOSE_CODE);
      if (lang !== "de") expect(shown.text, lang).not.toContain(LEGACY_ERASURE_CLOSE_REASON);
    }
  });

  it("still shows rows that hold the German sentence of before, translated", async () => {
    const { id } = await assignmentOf("Lea Legacy");
    await getDb().updateTable("assignment").set({ closed_on: today, close_reason: LEGACY_ERASURE_CLOSE_REASON }).where("id", "=", id).execute();
    for (const lang of SUPPORTED_LANGUAGES) {
      const shown = await page(id, lang);
      expect(shown.text, lang).toContain(erasureText(lang));
      if (lang !== "de") expect(shown.text, lang).not.toContain(LEGACY_ERASURE_CLOSE_REASON);
    }
  });

  it("leaves the office's own reason as typed, and refuses the code typed as a reason", async () => {
    const { id } = await assignmentOf("Otto Office");
    // Closing is its own confirmation step (ADR 0024).
    const typed = await run(closeStep.action, makeRequest(`/office/assignments/${id}/close`, { cookie: coordinator.cookie, form: { intent: "close", closedOn: today, reason: ERASURE_CLOSE_CODE } }), { id: String(id) });
    expect(typed.status).toBe(400);
    expect((await getDb().selectFrom("assignment").select("closed_on").where("id", "=", id).executeTakeFirstOrThrow()).closed_on).toBeNull();
    const closed = await run(closeStep.action, makeRequest(`/office/assignments/${id}/close`, { cookie: coordinator.cookie, form: { intent: "close", closedOn: today, reason: "Umzug nach Krefeld" } }), { id: String(id) });
    expect(closed.status).toBe(302);
    expect((await page(id, "en")).text).toContain("Umzug nach Krefeld");
  });
});
