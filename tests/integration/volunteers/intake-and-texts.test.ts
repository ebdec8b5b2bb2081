/**
 * Issue 12, item 16: an intake talk that already happened can be recorded and the person set
 * active at once (no invitation mail); the consent text names the menu entry as the menu does;
 * skills keep the person's casing; /register and /mitmachen say whom they are for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as detail from "../../../app/routes/office.volunteers.$id";
import * as consentStep from "../../../app/routes/mitmachen.einwilligung";
import * as register from "../../../app/routes/register";
import * as join from "../../../app/routes/mitmachen._index";
import { getFixedT } from "../../../app/i18n/i18next.server";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { createTestUser, createTestVolunteer } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";

let office: string;
beforeAll(async () => {
  office = await sessionCookie((await createTestUser(getDb(), { roles: ["coordinator"] })).id);
});

const mailsTo = async (email: string) => (await getDb().selectFrom("outbox").select("template").where("to_address", "=", email).execute()).map((m) => m.template);

describe("recording an intake talk that happened", () => {
  it("sets a registered person active without an invitation mail", async () => {
    const v = await createTestVolunteer(getDb(), { status: "registered" });
    const page = await renderRoute(detail, `/office/volunteers/${v.id}`, { cookie: office, params: { id: v.id } });
    expect(page.html).toContain('name="activate"');
    const res = await run(detail.action, makeRequest(`/office/volunteers/${v.id}`, { cookie: office, form: { intent: "record-intake", intakeOn: berlinDay(new Date()), notes: "Gespräch im Büro", activate: "on" } }), { id: v.id });
    expect(res.status).toBe(302);
    const p = await getDb().selectFrom("volunteer_profile").select(["status", "intake_on", "intake_notes"]).where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: "active", intake_notes: "Gespräch im Büro" });
    expect(await mailsTo(v.email)).not.toContain("volunteer-intake-scheduled");
    const history = await getDb().selectFrom("volunteer_status_history").select(["from_status", "to_status"]).where("user_id", "=", v.id).execute();
    expect(history).toContainEqual({ from_status: "registered", to_status: "active" });
  });

  it("without the box only records the talk; a talk in the future or an active person cannot be activated", async () => {
    const v = await createTestVolunteer(getDb(), { status: "registered" });
    const form = (o: Record<string, string>) => makeRequest(`/office/volunteers/${v.id}`, { cookie: office, form: { intent: "record-intake", intakeOn: berlinDay(new Date()), notes: "Notiz", ...o } });
    expect((await run(detail.action, form({}), { id: v.id })).status).toBe(302);
    expect((await getDb().selectFrom("volunteer_profile").select("status").where("user_id", "=", v.id).executeTakeFirstOrThrow()).status).toBe("registered");
    const future = await run(detail.action, form({ intakeOn: addDaysToDay(berlinDay(new Date()), 3), activate: "on" }), { id: v.id });
    expect(future.status).toBe(400);
    expect(future.data.error.intakeOn).toEqual(["volunteers:errors.intakeNotYet"]);
    const active = await createTestVolunteer(getDb(), { status: "active" });
    const again = await run(detail.action, makeRequest(`/office/volunteers/${active.id}`, { cookie: office, form: { intent: "record-intake", intakeOn: "2026-01-05", notes: "x", activate: "on" } }), { id: active.id });
    expect(again.status).toBe(400);
  });
});

describe("texts that must agree", () => {
  it("the consent step names the menu entry and the link as they are called", async () => {
    const v = await createTestVolunteer(getDb(), { consents: false });
    const page = await renderRoute(consentStep, "/mitmachen/einwilligung", { cookie: await sessionCookie(v.id) });
    expect(page.status).toBe(200);
    for (const lang of ["de", "en"] as const) {
      const t = await getFixedT(lang, "common");
      const tv = await getFixedT(lang, "volunteers");
      const hint = tv("consent.withdrawHint", { area: t("nav.account"), link: tv("me.consentsLink") });
      expect(hint).toContain(t("nav.account"));
      expect(tv("me.title")).toBe(t("nav.account"));
    }
    expect(page.text).toContain("„Mein Bereich → Einwilligungen ansehen und widerrufen“");
  });

  it("/register and /mitmachen say whom they are for and link to each other", async () => {
    const reg = await renderRoute(register, "/register");
    expect(reg.text).toContain("Mitglied eines Vereins");
    expect(reg.html).toContain('href="/mitmachen"');
    const j = await renderRoute(join, "/mitmachen");
    expect(j.text).toContain("„Nur Konto anlegen“");
    expect(j.html).toContain('href="/register"');
  });
});
