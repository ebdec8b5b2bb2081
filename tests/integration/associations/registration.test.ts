/**
 * Associations register themselves (issue #15): the public form makes the first admin's account
 * (verified through the accounts' link) and a pending association; nothing is public until the
 * office verifies it; the office's decision is mailed in the applicant's language.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as registerRoute from "../../../app/routes/vereine.registrieren";
import * as directory from "../../../app/routes/vereine._index";
import * as publicPage from "../../../app/routes/vereine.$id";
import * as officeOrg from "../../../app/routes/office.organisations.$id";
import * as officeList from "../../../app/routes/office.organisations._index";
import * as mine from "../../../app/routes/verein._index";
import * as profileRoute from "../../../app/routes/verein.$id.profil";
import { inboxProviders } from "../../../app/modules/office/inbox.server";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestAssociation } from "../../factories/associations";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { withEnv } from "../helpers";

let districtId: number;
let fieldId: number;
let office: string;
let officeUser: { id: string; email: string };
let ipCounter = 0;
/** Each submission from its own address (the per-IP limit is tested on its own). */
const ip = () => ({ clientIp: `10.1.0.${++ipCounter}` });

const validRegistration = (over: Record<string, string | string[]> = {}) => ({
  name: "Tischtennisfreunde Beispielhausen e.V.",
  kind: "registered_association",
  registerCourt: "Amtsgericht Krefeld",
  registerNumber: "VR 4321",
  street: "Am Sportplatz 2",
  postalCode: "47877",
  town: "Willich",
  districtId: String(districtId),
  email: "info@ttf-beispiel.example.org",
  website: "https://ttf-beispiel.example.org",
  description: "Tischtennis für alle, dienstags und freitags.",
  fields: [String(fieldId)],
  languages: ["de", "ar"],
  barrierFree: "on",
  fees: "5 € im Monat",
  reducedFees: "Für Neuzugewanderte kostenlos",
  insurer: "Beispiel Versicherung AG",
  policyNumber: "HV-777",
  policyValidUntil: "2030-12-31",
  accountName: "Pia Pingpong",
  accountEmail: "pia@example.org",
  password: "lange genug 123",
  passwordRepeat: "lange genug 123",
  privacy: "on",
  ...over,
});

beforeAll(async () => {
  districtId = (await getDb().selectFrom("district").select("id").orderBy("sort_order").executeTakeFirstOrThrow()).id;
  fieldId = (await getDb().selectFrom("field_of_action").select("id").orderBy("sort_order").executeTakeFirstOrThrow()).id;
  officeUser = await createTestUser(getDb(), { roles: ["coordinator"] });
  office = await sessionCookie(officeUser.id);
});

async function organisationNamed(name: string) {
  return getDb()
    .selectFrom("organisation")
    .innerJoin("association_profile", "association_profile.organisation_id", "organisation.id")
    .select(["organisation.id", "organisation.legal_form", "organisation.insurer", "association_profile.status", "association_profile.registered_by", "association_profile.register_number"])
    .where("organisation.name", "=", name)
    .executeTakeFirst();
}

describe("self-registration", () => {
  it("makes an unverified admin account and a pending association; nothing is public; the office verifies", async () => {
    const res = await run(registerRoute.action, makeRequest("/vereine/registrieren", { form: validRegistration(), headers: { "Accept-Language": "ar" } }), {}, ip());
    expect(res.status).toBe(302);
    expect(res.location).toBe("/check-mail?for=register");

    const user = await getDb().selectFrom("user").selectAll().where("email", "=", "pia@example.org").executeTakeFirstOrThrow();
    expect(user.email_verified_at).toBeNull();
    expect(user.locale).toBe("ar");
    const roles = await getDb().selectFrom("user_role").select("role").where("user_id", "=", user.id).execute();
    expect(roles.map((r) => r.role)).toEqual(["association_member"]);
    const org = (await organisationNamed("Tischtennisfreunde Beispielhausen e.V."))!;
    expect(org).toMatchObject({ status: "pending", legal_form: "registered_association", insurer: "Beispiel Versicherung AG", registered_by: user.id, register_number: "VR 4321" });
    const membership = await getDb().selectFrom("organisation_member").selectAll().where("organisation_id", "=", org.id).execute();
    expect(membership).toEqual([expect.objectContaining({ user_id: user.id, association_admin: 1 })]);
    const langs = await getDb().selectFrom("association_language").select("language_code").where("organisation_id", "=", org.id).orderBy("language_code").execute();
    expect(langs.map((l) => l.language_code)).toEqual(["ar", "de"]);
    // The accounts module's verification path: a verify-email link in the applicant's language.
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "pia@example.org").executeTakeFirstOrThrow();
    expect(mail.template).toBe("verify-email");
    expect(mail.locale).toBe("ar");
    expect(mail.text).toMatch(/\/verify-email\/[A-Za-z0-9_-]+/);

    // Pending: not in the directory, no public page.
    const list = await run(directory.loader, makeRequest("/vereine"));
    expect(JSON.stringify(list.data)).not.toContain("Tischtennisfreunde");
    expect((await run(publicPage.loader, makeRequest(`/vereine/${org.id}`), { id: String(org.id) })).status).toBe(404);

    // The office sees it waiting (list and inbox) and verifies it.
    const officeListing = await run(officeList.loader, makeRequest("/office/organisations", { cookie: office }));
    expect(officeListing.data.pending.map((p: { id: number }) => p.id)).toContain(org.id);
    const actor = { userId: officeUser.id, email: officeUser.email, name: "K", locale: "de", emailVerified: true, roles: ["coordinator" as const], organisationIds: [] };
    const inboxItems = (await Promise.all(inboxProviders.map((p) => p(actor, new Date())))).flat();
    expect(inboxItems.some((i) => i.id === `association-${org.id}`)).toBe(true);
    const detail = await run(officeOrg.loader, makeRequest(`/office/organisations/${org.id}`, { cookie: office }), { id: String(org.id) });
    expect(detail.data.association).toMatchObject({ status: "pending", registrant_email: "pia@example.org" });

    const verified = await run(officeOrg.action, makeRequest(`/office/organisations/${org.id}`, { form: { intent: "verify-association" }, cookie: office }), { id: String(org.id) });
    expect(verified.status).toBe(302);
    expect((await organisationNamed("Tischtennisfreunde Beispielhausen e.V."))!.status).toBe("verified");
    const decision = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "pia@example.org").where("template", "=", "association-verified").executeTakeFirstOrThrow();
    expect(decision.locale).toBe("ar");
    expect(decision.subject).toContain("Tischtennisfreunde");

    // Now public, without the association's e-mail address or its admin's name.
    const after = await run(directory.loader, makeRequest("/vereine"));
    expect(JSON.stringify(after.data)).toContain("Tischtennisfreunde");
    const page = await run(publicPage.loader, makeRequest(`/vereine/${org.id}`), { id: String(org.id) });
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.data);
    for (const secret of ["info@ttf-beispiel.example.org", "pia@example.org", "Pia Pingpong", "Am Sportplatz 2", "HV-777"]) expect(text).not.toContain(secret);

    // A second verification is refused with a message, nothing changes.
    const again = await run(officeOrg.action, makeRequest(`/office/organisations/${org.id}`, { form: { intent: "verify-association" }, cookie: office }), { id: String(org.id) });
    expect(again.status).toBe(400);
  });

  it("an address that has an account already: the same answer, nothing stored, a mail to the owner", async () => {
    await createTestUser(getDb(), { email: "schon-da@example.org", roles: ["volunteer"] });
    const orgsBefore = await getDb().selectFrom("organisation").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await run(registerRoute.action, makeRequest("/vereine/registrieren", { form: validRegistration({ name: "Doppelt e.V.", accountEmail: "schon-da@example.org" }) }), {}, ip());
    expect(res.status).toBe(302);
    expect(res.location).toBe("/check-mail?for=register");
    expect(await organisationNamed("Doppelt e.V.")).toBeUndefined();
    const orgsAfter = await getDb().selectFrom("organisation").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(orgsAfter.n)).toBe(Number(orgsBefore.n));
    const mail = await getDb().selectFrom("outbox").select("template").where("to_address", "=", "schon-da@example.org").execute();
    expect(mail.map((m) => m.template)).toEqual(["register-existing"]);
  });

  it("a signed-in user registers with their account and becomes its admin (no account fields)", async () => {
    const volunteer = await createTestUser(getDb(), { roles: ["volunteer"], email: "eva@example.org" });
    const cookie = await sessionCookie(volunteer.id);
    const form = validRegistration({ name: "Initiative Fahrradwerkstatt", kind: "initiative", registerCourt: "", registerNumber: "", insurer: "", policyNumber: "", policyValidUntil: "" });
    for (const k of ["accountName", "accountEmail", "password", "passwordRepeat"]) delete (form as Record<string, unknown>)[k];
    const res = await run(registerRoute.action, makeRequest("/vereine/registrieren", { form, cookie }), {}, ip());
    expect(res.status).toBe(302);
    expect(res.location).toBe("/verein");
    const org = (await organisationNamed("Initiative Fahrradwerkstatt"))!;
    expect(org).toMatchObject({ status: "pending", legal_form: "initiative", insurer: null, register_number: null, registered_by: volunteer.id });
    const roles = await getDb().selectFrom("user_role").select("role").where("user_id", "=", volunteer.id).orderBy("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["association_member", "volunteer"]);
    // /verein shows it as pending, with the admin's links.
    const page = await run(mine.loader, makeRequest("/verein", { cookie }));
    expect(page.status).toBe(200);
    const own = page.data.organisations.find((o: { id: number }) => o.id === org.id);
    expect(own.association).toMatchObject({ status: "pending", admin: true });
  });

  it("the office rejects with a reason, mailed in the applicant's language; a rejected association stays private", async () => {
    const res = await run(registerRoute.action, makeRequest("/vereine/registrieren", { form: validRegistration({ name: "Zweifelhaft e.V.", accountEmail: "oksana@example.org" }), headers: { "Accept-Language": "uk" } }), {}, ip());
    expect(res.status).toBe(302);
    const org = (await organisationNamed("Zweifelhaft e.V."))!;
    const noReason = await run(officeOrg.action, makeRequest(`/office/organisations/${org.id}`, { form: { intent: "reject-association", reason: "" }, cookie: office }), { id: String(org.id) });
    expect(noReason.status).toBe(400);
    expect((await organisationNamed("Zweifelhaft e.V."))!.status).toBe("pending");
    const rejected = await run(officeOrg.action, makeRequest(`/office/organisations/${org.id}`, { form: { intent: "reject-association", reason: "Das Vereinsregister kennt diese Nummer nicht." }, cookie: office }), { id: String(org.id) });
    expect(rejected.status).toBe(302);
    expect((await organisationNamed("Zweifelhaft e.V."))!.status).toBe("rejected");
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "oksana@example.org").where("template", "=", "association-rejected").executeTakeFirstOrThrow();
    expect(mail.locale).toBe("uk");
    expect(mail.subject).toMatch(/Реєстрація/);
    expect(mail.text).toContain("Das Vereinsregister kennt diese Nummer nicht.");
    expect((await run(publicPage.loader, makeRequest(`/vereine/${org.id}`), { id: String(org.id) })).status).toBe(404);
  });

  it("a rejected association corrected by its admin goes back to the office (pending)", async () => {
    const admin = await createTestUser(getDb(), { roles: [] });
    const { id } = await createTestAssociation(getDb(), { name: "Nachbessern e.V.", status: "rejected", rejectionReason: "Registernummer fehlt", adminIds: [admin.id] });
    const cookie = await sessionCookie(admin.id);
    const form = validRegistration({ name: "Nachbessern e.V.", registerNumber: "VR 99" });
    for (const k of ["accountName", "accountEmail", "password", "passwordRepeat", "privacy"]) delete (form as Record<string, unknown>)[k];
    const res = await run(profileRoute.action, makeRequest(`/verein/${id}/profil`, { form: { ...form, intent: "save" }, cookie }), { id: String(id) });
    expect(res.status).toBe(302);
    expect((await organisationNamed("Nachbessern e.V."))).toMatchObject({ status: "pending", register_number: "VR 99" });
  });

  it("is limited per address like the other public forms: the fourth submission is refused, nothing stored", async () => {
    const restore = withEnv({ FORM_MAX_PER_ADDRESS: "3" });
    try {
      const form = (n: number) => validRegistration({ name: `Flut ${n} e.V.`, accountEmail: "flut@example.org" });
      for (let n = 1; n <= 3; n++) expect((await run(registerRoute.action, makeRequest("/vereine/registrieren", { form: form(n) }), {}, ip())).status).toBe(302);
      const refused = await run(registerRoute.action, makeRequest("/vereine/registrieren", { form: form(4) }), {}, ip());
      expect(refused.status).toBe(400);
      expect(refused.data.error[""][0]).toMatch(/^security:limits\.tooMany/);
      // Input kept.
      expect(refused.data.initialValue.name).toBe("Flut 4 e.V.");
      expect(await organisationNamed("Flut 4 e.V.")).toBeUndefined();
    } finally {
      restore();
    }
  });

  it("is limited per client IP too", async () => {
    const restore = withEnv({ FORM_MAX_PER_IP: "3" });
    try {
      const fixed = { clientIp: "10.9.9.9" };
      const statuses: number[] = [];
      for (let n = 1; n <= 4; n++) {
        const res = await run(registerRoute.action, makeRequest("/vereine/registrieren", { form: validRegistration({ name: `IP ${n} e.V.`, accountEmail: `ip-${n}@example.org` }) }), {}, fixed);
        statuses.push(res.status);
      }
      expect(statuses).toEqual([302, 302, 302, 400]);
      expect(await organisationNamed("IP 4 e.V.")).toBeUndefined();
    } finally {
      restore();
    }
  });
});
