import { describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as join from "../../../app/routes/mitmachen._index";
import * as konto from "../../../app/routes/mitmachen.konto";
import * as profil from "../../../app/routes/mitmachen.profil";
import * as einwilligung from "../../../app/routes/mitmachen.einwilligung";
import * as verify from "../../../app/routes/verify-email.$token";
import * as login from "../../../app/routes/login";
import * as me from "../../../app/routes/me._index";
import { hasRequiredConsents } from "../../../app/modules/volunteers/consents.server";
import { cookiesFrom, makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";

const goodProfile = {
  name: "Lea Beispiel",
  phone: "02154 98765",
  districtId: "2",
  "languages[0].code": "de",
  "languages[0].level": "native",
  "languages[1].code": "ar",
  "languages[1].level": "B1",
  "languages[2].code": "",
  "languages[2].level": "",
  skills: "Kochen, Fahrrad reparieren, kochen",
  fields: ["1", "3"],
  availability: ["1-morning", "3-evening"],
  hasCar: "on",
  gender: "female",
  birthYear: "1985",
};

async function newVolunteerCookie() {
  const u = await createTestUser(getDb(), { roles: ["volunteer"] });
  return { user: u, cookie: await sessionCookie(u.id) };
}

describe("/mitmachen", () => {
  it("is public and tells a visitor where to start", async () => {
    const res = await run(join.loader, makeRequest("/mitmachen"));
    expect(res.status).toBe(200);
    expect(res.data.next).toBe("konto");
  });

  it("walks through all three steps without JavaScript: account, profile, consent", async () => {
    const account = { name: "Lea Beispiel", email: "lea.mitmachen@example.org", password: "lange genug 123", passwordRepeat: "lange genug 123", terms: "on" };
    const created = await run(konto.action, makeRequest("/mitmachen/konto", { form: account }));
    expect(created.status).toBe(302);
    expect(created.location).toBe("/check-mail?for=register");
    const mail = await getDb().selectFrom("outbox").select("text").where("to_address", "=", account.email).executeTakeFirstOrThrow();
    const token = /\/verify-email\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect((await run(verify.loader, makeRequest(`/verify-email/${token}`), { token })).status).toBe(302);
    const signedIn = await run(login.action, makeRequest("/login", { form: { email: account.email, password: account.password, redirectTo: "/mitmachen/profil" } }));
    expect(signedIn.location).toBe("/mitmachen/profil");
    const cookie = cookiesFrom(signedIn);

    // Logged in: step 1 sends on to step 2; step 3 before step 2 sends back.
    expect((await run(konto.loader, makeRequest("/mitmachen/konto", { cookie }))).location).toBe("/mitmachen/profil");
    expect((await run(einwilligung.loader, makeRequest("/mitmachen/einwilligung", { cookie }))).location).toBe("/mitmachen/profil");
    const dash = await run(me.loader, makeRequest("/me", { cookie }));
    expect(dash.data.next).toBe("profil");

    const form = await run(profil.loader, makeRequest("/mitmachen/profil", { cookie }));
    expect(form.status).toBe(200);
    expect(form.data.lookups.districts.length).toBeGreaterThan(0);
    const saved = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: goodProfile }));
    expect(saved.status).toBe(302);
    expect(saved.location).toBe("/mitmachen/einwilligung");

    const user = await getDb().selectFrom("user").select(["id", "name"]).where("email", "=", account.email).executeTakeFirstOrThrow();
    const profile = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ phone: "02154 98765", district_id: 2, has_car: 1, gender: "female", birth_year: 1985, status: "registered" });
    const skills = await getDb().selectFrom("volunteer_skill").select("skill").where("user_id", "=", user.id).orderBy("skill").execute();
    expect(skills.map((s) => s.skill)).toEqual(["Fahrrad reparieren", "Kochen"]);
    const langs = await getDb().selectFrom("volunteer_language").select(["language_code", "level"]).where("user_id", "=", user.id).orderBy("language_code").execute();
    expect(langs).toEqual([{ language_code: "ar", level: "B1" }, { language_code: "de", level: "native" }]);
    expect(await getDb().selectFrom("volunteer_availability").selectAll().where("user_id", "=", user.id).execute()).toHaveLength(2);
    expect(await getDb().selectFrom("volunteer_status_history").selectAll().where("user_id", "=", user.id).execute()).toHaveLength(1);

    // Step 2 again: the profile exists, so on to step 3.
    expect((await run(profil.loader, makeRequest("/mitmachen/profil", { cookie }))).location).toBe("/mitmachen/einwilligung");

    const consentPage = await run(einwilligung.loader, makeRequest("/mitmachen/einwilligung", { cookie }));
    expect(consentPage.status).toBe(200);
    const { data: dataText, confidentiality } = consentPage.data.texts;
    expect(dataText.purpose).toBe("volunteer-data");
    expect(confidentiality.purpose).toBe("confidentiality");

    const missing = await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { cookie, form: { dataTextId: String(dataText.id), confidentialityTextId: String(confidentiality.id), dataConsent: "on" } }));
    expect(missing.status).toBe(400);
    expect(missing.data.error.confidentiality).toEqual(["volunteers:errors.confidentialityRequired"]);
    expect(await hasRequiredConsents(user.id)).toBe(false);

    const ok = await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { cookie, form: { dataTextId: String(dataText.id), confidentialityTextId: String(confidentiality.id), dataConsent: "on", confidentiality: "on" } }));
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/me");
    expect(await hasRequiredConsents(user.id)).toBe(true);
    const records = await getDb()
      .selectFrom("consent_record as r")
      .innerJoin("consent_text as t", "t.id", "r.consent_text_id")
      .select(["r.purpose", "t.version", "t.locale", "r.given_at", "r.withdrawn_at"])
      .where("r.user_id", "=", user.id)
      .execute();
    expect(records).toHaveLength(2);
    for (const r of records) expect(r).toMatchObject({ version: 1, locale: "de", withdrawn_at: null });
    const welcome = await getDb().selectFrom("outbox").select(["template", "subject"]).where("to_address", "=", account.email).where("template", "=", "volunteer-welcome").execute();
    expect(welcome).toHaveLength(1);

    // Consenting twice records nothing new and sends no second welcome.
    await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { cookie, form: { dataTextId: String(dataText.id), confidentialityTextId: String(confidentiality.id), dataConsent: "on", confidentiality: "on" } }));
    expect(await getDb().selectFrom("consent_record").selectAll().where("user_id", "=", user.id).execute()).toHaveLength(2);
    expect((await run(join.loader, makeRequest("/mitmachen", { cookie }))).data.next).toBeNull();
  });

  it("shows the consent texts in the reader's language and records that language", async () => {
    const u = await createTestUser(getDb(), { roles: ["volunteer"], locale: "ar" });
    const cookie = await sessionCookie(u.id);
    await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: { ...goodProfile } }));
    const page = await run(einwilligung.loader, makeRequest("/mitmachen/einwilligung", { cookie }));
    expect(page.data.texts.data.locale).toBe("ar");
    await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { cookie, form: { dataTextId: String(page.data.texts.data.id), confidentialityTextId: String(page.data.texts.confidentiality.id), dataConsent: "on", confidentiality: "on" } }));
    const locales = await getDb().selectFrom("consent_record as r").innerJoin("consent_text as t", "t.id", "r.consent_text_id").select("t.locale").where("r.user_id", "=", u.id).execute();
    expect(locales.map((l) => l.locale)).toEqual(["ar", "ar"]);
  });

  it("refuses forged or swapped consent text ids", async () => {
    const { cookie } = await newVolunteerCookie();
    await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: goodProfile }));
    const page = await run(einwilligung.loader, makeRequest("/mitmachen/einwilligung", { cookie }));
    const swapped = await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { cookie, form: { dataTextId: String(page.data.texts.confidentiality.id), confidentialityTextId: String(page.data.texts.data.id), dataConsent: "on", confidentiality: "on" } }));
    expect(swapped.status).toBe(400);
    expect(swapped.data.error[""]).toEqual(["volunteers:errors.consentOutdated"]);
    const junk = await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { cookie, form: { dataTextId: "abc", confidentialityTextId: "99999", dataConsent: "yes", confidentiality: "on" } }));
    expect(junk.status).toBe(400);
    expect(junk.data.error.dataTextId).toBeTruthy();
    expect(junk.data.error.dataConsent).toEqual(["volunteers:errors.consentRequired"]);
  });

  it("answers bad profile input with 400, field messages and the input kept; nothing is written", async () => {
    const { user, cookie } = await newVolunteerCookie();
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ ...goodProfile, districtId: "" }, "districtId", "errors.invalidChoice"],
      [{ ...goodProfile, name: "x".repeat(121) }, "name", 'errors.tooLong|{"max":120}'],
      [{ ...goodProfile, name: "<script>alert(1)</script>" }, "name", "errors.forbiddenCharacters"],
      [{ ...goodProfile, skills: "<b>bold</b>" }, "skills", "errors.forbiddenCharacters"],
      [{ ...goodProfile, skills: Array.from({ length: 16 }, (_, i) => `skill ${i}`).join(",") }, "skills", 'volunteers:errors.tooManySkills|{"max":15}'],
      [{ ...goodProfile, skills: "a".repeat(41) }, "skills", 'volunteers:errors.skillTooLong|{"max":40}'],
      [{ ...goodProfile, availability: ["1-morning", "9-night"] }, "availability", "errors.invalidChoice"],
      [{ ...goodProfile, "languages[1].level": "" }, "languages[1].level", "volunteers:errors.levelRequired"],
      [{ ...goodProfile, "languages[1].code": "de" }, "languages[1].code", "volunteers:errors.languageTwice"],
      [{ ...goodProfile, "languages[1].code": "DE; drop table" }, "languages[1].code", "errors.invalidChoice"],
      [{ ...goodProfile, "languages[1].level": "Z9" }, "languages[1].level", "errors.invalidChoice"],
      [{ ...goodProfile, birthYear: "1850" }, "birthYear", "volunteers:errors.birthYearRange"],
      [{ ...goodProfile, birthYear: "neunzehn" }, "birthYear", "volunteers:errors.birthYear"],
      [{ ...goodProfile, gender: "robot" }, "gender", "errors.invalidChoice"],
      [{ ...goodProfile, phone: "call me maybe" }, "phone", "errors.invalidPhone"],
      [{ ...goodProfile, fields: ["abc"] }, "fields[0]", "errors.invalidChoice"],
    ];
    for (const [form, field, message] of cases) {
      const res = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form }));
      expect(res.status, field).toBe(400);
      expect(res.data.error[field]?.[0], field).toContain(message);
      expect(res.data.initialValue.name).toBe(form.name);
    }
    // Ids that pass the schema but do not exist: a field error from the command.
    const ghostDistrict = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: { ...goodProfile, districtId: "999" } }));
    expect(ghostDistrict.status).toBe(400);
    expect(ghostDistrict.data.error.districtId).toEqual(["errors.invalidChoice"]);
    const ghostLanguage = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: { ...goodProfile, "languages[1].code": "xx" } }));
    expect(ghostLanguage.data.error.languages).toEqual(["errors.invalidChoice"]);
    const ghostField = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: { ...goodProfile, fields: ["1", "777"] } }));
    expect(ghostField.data.error.fields).toEqual(["errors.invalidChoice"]);
    expect(await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", user.id).executeTakeFirst()).toBeUndefined();
  });

  it("sends anonymous visitors of steps 2 and 3 to the login, and refuses staff-only roles nothing extra", async () => {
    const anon = await run(profil.loader, makeRequest("/mitmachen/profil"));
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login\?redirectTo=/);
    const anonPost = await run(einwilligung.action, makeRequest("/mitmachen/einwilligung", { form: { dataConsent: "on" } }));
    expect(anonPost.location).toMatch(/^\/login/);
    // An association member (no volunteer role) may not fill in a volunteer profile.
    const member = await createTestUser(getDb(), { roles: ["association_member"] });
    const res = await run(profil.action, makeRequest("/mitmachen/profil", { cookie: await sessionCookie(member.id), form: goodProfile }));
    expect(res.status).toBe(403);
  });

  it("a volunteer who already finished is sent home from step 2", async () => {
    const v = await createTestVolunteer(getDb());
    const res = await run(profil.loader, makeRequest("/mitmachen/profil", { cookie: await sessionCookie(v.id) }));
    expect(res.location).toBe("/me");
  });
});

describe("profile messages come all at once", () => {
  it("accepts a minimal profile: name, district, nothing optional", async () => {
    const u = await createTestUser(getDb(), { roles: ["volunteer"] });
    const minimal = { name: "Nur Name", districtId: "4", phone: "", skills: "", birthYear: "", gender: "", "languages[0].code": "", "languages[0].level": "" };
    const res = await run(profil.action, makeRequest("/mitmachen/profil", { cookie: await sessionCookie(u.id), form: minimal }));
    expect(res.status).toBe(302);
    const p = await getDb().selectFrom("volunteer_profile").selectAll().where("user_id", "=", u.id).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ district_id: 4, phone: null, has_car: 0, gender: null, birth_year: null });
  });

  it("reports a missing language level together with other field errors", async () => {
    const u = await createTestUser(getDb(), { roles: ["volunteer"] });
    const res = await run(profil.action, makeRequest("/mitmachen/profil", { cookie: await sessionCookie(u.id), form: { ...goodProfile, districtId: "", "languages[1].level": "" } }));
    expect(res.status).toBe(400);
    expect(res.data.error.districtId).toEqual(["errors.invalidChoice"]);
    expect(res.data.error["languages[1].level"]).toEqual(["volunteers:errors.levelRequired"]);
  });
});

describe("step 1 (account) with bad input", () => {
  it("answers 400 with field messages and keeps the input, creating nothing", async () => {
    const base = { name: "Lea Beispiel", email: "bad-input@example.org", password: "lange genug 123", passwordRepeat: "lange genug 123", terms: "on" };
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [{ ...base, terms: "" }, "terms"],
      [{ ...base, email: "not-an-address" }, "email"],
      [{ ...base, email: `${"a".repeat(250)}@example.org` }, "email"],
      [{ ...base, password: "kurz", passwordRepeat: "kurz" }, "password"],
      [{ ...base, passwordRepeat: "anders anders" }, "passwordRepeat"],
      [{ ...base, name: "<svg onload=alert(1)>" }, "name"],
      [{ ...base, name: ["Lea", "Zweiter Name"] }, "name"],
    ];
    for (const [form, field] of cases) {
      const res = await run(konto.action, makeRequest("/mitmachen/konto", { form }));
      expect(res.status, field).toBe(400);
      expect(res.data.error[field], field).toBeTruthy();
    }
    const res = await run(konto.action, makeRequest("/mitmachen/konto", { form: { ...base, terms: "" } }));
    expect(res.data.initialValue.email).toBe("bad-input@example.org");
    expect(await getDb().selectFrom("user").select("id").where("email", "=", "bad-input@example.org").executeTakeFirst()).toBeUndefined();
  });

  it("rejects wrong types in the profile form (a field sent twice, lists where text is expected)", async () => {
    const u = await createTestUser(getDb(), { roles: ["volunteer"] });
    const cookie = await sessionCookie(u.id);
    const twice = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: { ...goodProfile, name: ["Lea", "Lea"], districtId: ["1", "2"] } }));
    expect(twice.status).toBe(400);
    expect(twice.data.error.name).toBeTruthy();
    expect(twice.data.error.districtId).toBeTruthy();
    const tooMany = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: { ...goodProfile, availability: Array.from({ length: 22 }, () => "1-morning") } }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.error.availability).toEqual(["errors.invalid"]);
    const empty = await run(profil.action, makeRequest("/mitmachen/profil", { cookie, form: {} }));
    expect(empty.status).toBe(400);
    expect(empty.data.error.name).toEqual(["errors.required"]);
    expect(empty.data.error.districtId).toBeTruthy();
  });
});
