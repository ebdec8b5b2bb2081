import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as meHome from "../../../app/routes/me._index";
import * as meKonto from "../../../app/routes/me.konto";
import * as meProfil from "../../../app/routes/me.profil";
import * as meConsents from "../../../app/routes/me.einwilligungen";
import * as meData from "../../../app/routes/me.daten";
import * as meExport from "../../../app/routes/me.daten[.]json";
import * as login from "../../../app/routes/login";
import { hasRequiredConsents } from "../../../app/modules/volunteers/consents.server";
import { meSections } from "../../../app/modules/volunteers/me-sections";
import { personalDataErasers, personalDataExporters } from "../../../app/modules/volunteers/personal-data.server";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";

const profileForm = (over: Record<string, string | string[]> = {}) => ({
  name: "Sami Neu",
  phone: "",
  districtId: "3",
  "languages[0].code": "uk",
  "languages[0].level": "C1",
  skills: "Übersetzen",
  availability: ["6-afternoon"],
  birthYear: "",
  gender: "",
  ...over,
});

describe("/me: the volunteer's home", () => {
  it("shows own profile, status and consents; nothing of anyone else", async () => {
    const v = await createTestVolunteer(getDb(), { name: "Eva Eigen", skills: ["kochen"] });
    await createTestVolunteer(getDb(), { name: "Otto Other" });
    const res = await run(meHome.loader, makeRequest("/me", { cookie: await sessionCookie(v.id) }));
    expect(res.status).toBe(200);
    expect(res.data.account.email).toBe(v.email);
    expect(res.data.isVolunteer).toBe(true);
    expect(res.data.overview.profile.name).toBe("Eva Eigen");
    expect(res.data.overview.profile.skills).toEqual(["kochen"]);
    expect(res.data.overview.consentsComplete).toBe(true);
    expect(res.data.next).toBeNull();
    expect(JSON.stringify(res.data)).not.toContain("Otto Other");
    expect(Array.isArray(res.data.sections)).toBe(true);
    expect(res.data.sections).toEqual(meSections);
  });

  it("staff see their account links without volunteer parts", async () => {
    const c = await createTestUser(getDb(), { roles: ["coordinator"] });
    const res = await run(meHome.loader, makeRequest("/me", { cookie: await sessionCookie(c.id) }));
    expect(res.data.isVolunteer).toBe(false);
    expect(res.data.overview).toBeNull();
  });

  it("keeps the account forms working at /me/konto", async () => {
    const v = await createTestVolunteer(getDb());
    const cookie = await sessionCookie(v.id);
    expect((await run(meKonto.loader, makeRequest("/me/konto", { cookie }))).data.account.email).toBe(v.email);
    const renamed = await run(meKonto.action, makeRequest("/me/konto", { cookie, form: { intent: "change-profile", name: "Neu Name" } }));
    expect(renamed.status).toBe(302);
    expect(renamed.location).toBe("/me/konto");
    const bad = await run(meKonto.action, makeRequest("/me/konto", { cookie, form: { intent: "change-profile", name: "" } }));
    expect(bad.status).toBe(400);
  });

  it("edits the own profile; bad input is a 400 with the input kept", async () => {
    const v = await createTestVolunteer(getDb(), { skills: ["alt"] });
    const cookie = await sessionCookie(v.id);
    const page = await run(meProfil.loader, makeRequest("/me/profil", { cookie }));
    expect(page.data.defaults.skills).toBe("alt");
    const ok = await run(meProfil.action, makeRequest("/me/profil", { cookie, form: profileForm() }));
    expect(ok.status).toBe(302);
    const p = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ district_id: 3, phone: null, birth_year: null, gender: null, has_car: 0, status: "registered" });
    const skills = await getDb().selectFrom("volunteer_skill").select("skill").where("user_id", "=", v.id).execute();
    expect(skills.map((s) => s.skill)).toEqual(["Übersetzen"]);
    expect((await getDb().selectFrom("user").select("name").where("id", "=", v.id).executeTakeFirstOrThrow()).name).toBe("Sami Neu");
    // Editing does not add a status history entry.
    expect(await getDb().selectFrom("volunteer_status_history").selectAll().where("user_id", "=", v.id).execute()).toHaveLength(1);

    const bad = await run(meProfil.action, makeRequest("/me/profil", { cookie, form: profileForm({ districtId: "drei", skills: "x".repeat(801) }) }));
    expect(bad.status).toBe(400);
    expect(bad.data.error.districtId).toBeTruthy();
    expect(bad.data.error.skills[0]).toContain("errors.tooLong");
    expect(bad.data.initialValue.name).toBe("Sami Neu");
  });

  it("sends volunteers without a profile to step 2", async () => {
    const u = await createTestUser(getDb(), { roles: ["volunteer"] });
    const res = await run(meProfil.loader, makeRequest("/me/profil", { cookie: await sessionCookie(u.id) }));
    expect(res.location).toBe("/mitmachen/profil");
  });

  it("withdraws a consent with one action; refuses a hostile purpose and withdrawing twice", async () => {
    const v = await createTestVolunteer(getDb());
    const cookie = await sessionCookie(v.id);
    expect((await run(meConsents.loader, makeRequest("/me/einwilligungen", { cookie }))).data.records).toHaveLength(2);
    const res = await run(meConsents.action, makeRequest("/me/einwilligungen", { cookie, form: { intent: "withdraw", purpose: "confidentiality" } }));
    expect(res.status).toBe(302);
    expect(await hasRequiredConsents(v.id)).toBe(false);
    const again = await run(meConsents.action, makeRequest("/me/einwilligungen", { cookie, form: { intent: "withdraw", purpose: "confidentiality" } }));
    expect(again.status).toBe(400);
    expect(again.data.error[""]).toEqual(["volunteers:errors.nothingToWithdraw"]);
    const hostile = await run(meConsents.action, makeRequest("/me/einwilligungen", { cookie, form: { intent: "withdraw", purpose: "' or 1=1 --" } }));
    expect(hostile.status).toBe(400);
    const page = await run(meConsents.loader, makeRequest("/me/einwilligungen", { cookie }));
    expect(page.data.complete).toBe(false);
  });

  it("exports all own data as JSON, including other modules' exporters", async () => {
    const v = await createTestVolunteer(getDb(), { name: "Export Person", skills: ["gärtnern"] });
    const other = await createTestVolunteer(getDb(), { name: "Fremde Person" });
    personalDataExporters.push({ name: "test-module", run: async (_trx, userId) => ({ seen: userId }) });
    try {
      const res = await run(meExport.loader, makeRequest("/me/daten.json", { cookie: await sessionCookie(v.id) }));
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="ehrenamt-hub-meine-daten-\d{4}-\d{2}-\d{2}\.json"/);
      expect(res.data.volunteers.account.name).toBe("Export Person");
      expect(res.data.volunteers.volunteerProfile.skills).toEqual(["gärtnern"]);
      expect(res.data.volunteers.consents).toHaveLength(2);
      expect(res.data.volunteers.consents[0].body.length).toBeGreaterThan(50);
      expect(res.data["test-module"]).toEqual({ seen: v.id });
      expect(JSON.stringify(res.data)).not.toContain(other.email);
    } finally {
      personalDataExporters.pop();
    }
    const audit = await getDb().selectFrom("audit_log").select("action").where("entity_id", "=", v.id).where("action", "=", "export").execute();
    expect(audit).toHaveLength(1);
    expect((await run(meExport.loader, makeRequest("/me/daten.json"))).location).toMatch(/^\/login/);
  });

  it("erases on request: account disabled, personal data anonymised, other modules' erasers run, login impossible", async () => {
    const v = await createTestVolunteer(getDb(), { name: "Weg Damit", skills: ["x"], phone: "0123 456" });
    const cookie = await sessionCookie(v.id);
    const page = await run(meData.loader, makeRequest("/me/daten", { cookie }));
    expect(page.data.retentionYears).toBe(10);
    const unconfirmed = await run(meData.action, makeRequest("/me/daten", { cookie, form: {} }));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.error.confirm).toEqual(["volunteers:errors.confirmDeletion"]);

    const erased: string[] = [];
    personalDataErasers.push({ name: "test-module", run: async (_trx, userId) => void erased.push(userId) });
    try {
      const res = await run(meData.action, makeRequest("/me/daten", { cookie, form: { confirm: "on" } }));
      expect(res.status).toBe(302);
      expect(res.location).toBe("/");
    } finally {
      personalDataErasers.pop();
    }
    expect(erased).toEqual([v.id]);
    const user = await getDb().selectFrom("user").selectAll().where("id", "=", v.id).executeTakeFirstOrThrow();
    expect(user.name).not.toContain("Weg");
    expect(user.email).not.toBe(v.email);
    expect(user.disabled_at).not.toBeNull();
    const p = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", v.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ phone: null, district_id: null, gender: null, birth_year: null, status: "left" });
    expect(p.erased_at).not.toBeNull();
    expect(await getDb().selectFrom("volunteer_skill").selectAll().where("user_id", "=", v.id).execute()).toEqual([]);
    expect(await getDb().selectFrom("volunteer_language").selectAll().where("user_id", "=", v.id).execute()).toEqual([]);
    expect(await hasRequiredConsents(v.id)).toBe(false);
    expect(await getDb().selectFrom("session").selectAll().where("user_id", "=", v.id).execute()).toEqual([]);
    const relogin = await run(login.action, makeRequest("/login", { form: { email: v.email, password: v.password } }), {}, { clientIp: "10.9.9.9" });
    expect(relogin.status).toBe(400);
  });

  it("staff cannot self-erase through the volunteer page", async () => {
    const c = await createTestUser(getDb(), { roles: ["volunteer", "coordinator"] });
    const res = await run(meData.action, makeRequest("/me/daten", { cookie: await sessionCookie(c.id), form: { confirm: "on" } }));
    expect(res.status).toBe(403);
  });
});
