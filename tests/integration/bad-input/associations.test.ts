/**
 * Bad input on every form of the associations module (issue #15): registration, profile, offer,
 * invitation, the office's rejection. Each case: 400, a translated message at the field, the input
 * kept, nothing written (rows of every table, including the associations' tables).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as registerRoute from "../../../app/routes/vereine.registrieren";
import * as profile from "../../../app/routes/verein.$id.profil";
import * as members from "../../../app/routes/verein.$id.mitglieder";
import * as newOffer from "../../../app/routes/verein.angebote.neu";
import * as editOffer from "../../../app/routes/verein.angebote.$id";
import * as officeOrg from "../../../app/routes/office.organisations.$id";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestAssociationOffer } from "../../factories/associations";
import { sessionCookie, type RouteResult } from "../../setup/remix";
import { aFile, badInputCases, emailCases, HTML, KB10, malformedBodyCase, newPasswordCases, repeatCases, SQL, submit, textCases, type BadCase, type FormTarget } from "./harness";

let adminCookie: string;
let officeCookie: string;
let orgId: number;
let pendingOrgId: number;
let offerId: number;
let districtId: number;
let fieldId: number;

beforeAll(async () => {
  districtId = (await getDb().selectFrom("district").select("id").orderBy("sort_order").executeTakeFirstOrThrow()).id;
  fieldId = (await getDb().selectFrom("field_of_action").select("id").orderBy("sort_order").executeTakeFirstOrThrow()).id;
  const admin = await createTestUser(getDb(), { roles: [] });
  adminCookie = await sessionCookie(admin.id);
  officeCookie = await sessionCookie((await createTestUser(getDb(), { roles: ["coordinator"] })).id);
  orgId = (await createTestAssociation(getDb(), { name: "Formularverein e.V.", adminIds: [admin.id] })).id;
  pendingOrgId = (await createTestAssociation(getDb(), { name: "Wartet e.V.", status: "pending" })).id;
  offerId = (await createTestAssociationOffer(getDb(), orgId)).id;
});

const profileValues = () => ({
  name: "Sportfreunde Beispiel e.V.",
  kind: "registered_association",
  registerCourt: "Amtsgericht Krefeld",
  registerNumber: "VR 1234",
  street: "Sportplatzweg 3",
  postalCode: "47877",
  town: "Willich",
  districtId: String(districtId),
  email: "info@sf-beispiel.example.org",
  website: "https://sf-beispiel.example.org",
  description: "Fußball und Turnen.",
  fields: [String(fieldId)],
  languages: ["de", "ar"],
  fees: "60 € im Jahr",
  reducedFees: "",
  insurer: "Beispiel Versicherung AG",
  policyNumber: "HV-123",
  policyValidUntil: "2030-12-31",
});

const optional = (field: string, max: number): BadCase[] => textCases(field, max).filter((c) => c.value !== undefined && c.value !== "   ");

const profileCases: BadCase[] = [
  ...textCases("name", 160),
  { field: "kind", value: undefined, key: /^errors\.(required|invalidChoice)$/ },
  { field: "kind", value: "spaceship", key: "errors.invalidChoice" },
  { field: "kind", value: SQL, key: "errors.invalidChoice", label: "SQL fragment" },
  { field: "registerCourt", value: undefined, key: "associations:errors.registerRequired" },
  { field: "registerNumber", value: undefined, key: "associations:errors.registerRequired" },
  { field: "registerNumber", value: "Nummer eins", key: "associations:errors.registerNumber" },
  { field: "registerNumber", value: HTML, key: /errors\.tooLong|associations:errors\.registerNumber/, label: "HTML" },
  { field: "registerNumber", value: aFile(), key: "errors.invalid" },
  ...textCases("street", 160),
  { field: "postalCode", value: undefined, key: "errors.required" },
  { field: "postalCode", value: "4787", key: "errors.invalidPostalCode" },
  { field: "postalCode", value: KB10, key: /errors\./, label: "10 kB" },
  ...textCases("town", 80),
  { field: "districtId", value: undefined, key: /^errors\.(required|invalidChoice)$/ },
  { field: "districtId", value: "abc", key: "errors.invalidChoice" },
  { field: "districtId", value: "999999", key: "errors.invalidChoice", label: "an unknown district" },
  { field: "districtId", value: SQL, key: "errors.invalidChoice", label: "SQL fragment" },
  ...emailCases("email"),
  { field: "website", value: "javascript:alert(1)", key: "errors.invalidUrl" },
  { field: "website", value: aFile(), key: "errors.invalid" },
  ...optional("description", 1000),
  { field: "description", value: "Ruft an: 02154 123456", key: "associations:errors.noContactData", label: "a phone number" },
  { field: "description", value: "Schreibt an vorstand@privat.example.org", key: "associations:errors.noContactData", label: "an e-mail address" },
  { field: "fields", value: undefined, key: "associations:errors.fieldRequired" },
  { field: "fields", value: ["999999"], key: "errors.invalidChoice", label: "an unknown field" },
  { field: "fields", value: ["abc"], key: "errors.invalidChoice", label: "not a number" },
  { field: "languages", value: undefined, key: "associations:errors.languageRequired" },
  { field: "languages", value: ["xx"], key: "errors.invalidChoice", label: "an unknown language" },
  { field: "languages", value: [SQL], key: "errors.invalidChoice", label: "SQL fragment" },
  ...optional("fees", 300),
  { field: "insurer", value: undefined, key: "errors.policyRequired" },
  { field: "policyValidUntil", value: "12/31/2030", key: "errors.invalidDate", label: "12/31/20xx (month first, US order; the German order is read as a day)" },
  { field: "policyValidUntil", value: aFile(), key: "errors.invalid" },
];

/** The reply of a page with several forms carries the intent of the form it answers. */
const wrapped = (intent: string) => (res: RouteResult) => {
  expect((res.data as any).initialValue.intent).toBe(intent);
  return res.data;
};

describe("registration (anonymous)", () => {
  const t: FormTarget = {
    path: () => "/vereine/registrieren",
    fn: registerRoute.action,
    context: { clientIp: "10.7.0.1" },
    valid: () => ({ ...profileValues(), accountName: "Pia Pingpong", accountEmail: "pia-bad@example.org", password: "lange genug 123", passwordRepeat: "lange genug 123", privacy: "on" }),
    notKept: ["password", "passwordRepeat"],
  };
  badInputCases(t, [
    ...profileCases,
    ...textCases("accountName", 120),
    { field: "accountName", value: "R2-D2 <3", key: /errors\.(invalidName|forbiddenCharacters)/ },
    ...emailCases("accountEmail"),
    ...newPasswordCases("password"),
    ...repeatCases("passwordRepeat"),
    { field: "privacy", value: undefined, key: "errors.acceptPrivacy" },
    { field: "privacy", value: "yes", key: "errors.acceptPrivacy" },
  ]);
  malformedBodyCase(t);
  it("the valid form itself is accepted (control)", async () => {
    const res = await submit(t, t.valid());
    expect(res.status).toBe(302);
  });
});

describe("profile of an association", () => {
  const t: FormTarget = {
    path: () => `/verein/${orgId}/profil`,
    fn: profile.action,
    params: () => ({ id: String(orgId) }),
    cookie: () => adminCookie,
    valid: () => ({ intent: "save", ...profileValues() }),
  };
  badInputCases(t, profileCases);
  malformedBodyCase(t);
  it("the valid form itself is accepted (control); a verified association stays verified", async () => {
    const res = await submit(t, { ...t.valid(), name: "Umbenannt e.V.", kind: "initiative", registerCourt: "", registerNumber: "" });
    expect(res.status).toBe(302);
    const row = await getDb()
      .selectFrom("organisation")
      .innerJoin("association_profile", "association_profile.organisation_id", "organisation.id")
      .select(["organisation.name", "organisation.legal_form", "organisation.insurer", "association_profile.status", "association_profile.register_number"])
      .where("organisation.id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Umbenannt e.V.", legal_form: "initiative", insurer: null, status: "verified", register_number: null });
  });
});

const offerValues = () => ({
  intent: "save",
  organisationId: String(orgId),
  title: "Kinderturnen",
  description: "Bewegungsspiele für Kinder.",
  fieldId: String(fieldId),
  languages: ["de"],
  districtId: String(districtId),
  place: "Turnhalle",
  times: "montags 16–17 Uhr",
  targetGroup: "children",
  cost: "free",
  contactPath: "Einfach vorbeikommen",
  published: "on",
});

const offerCases: BadCase[] = [
  ...textCases("title", 120),
  ...textCases("description", 2000),
  { field: "description", value: "Fragen an +49 170 1234567", key: "associations:errors.noContactData", label: "a phone number" },
  { field: "fieldId", value: undefined, key: /^errors\.(required|invalidChoice)$/ },
  { field: "fieldId", value: "999999", key: "errors.invalidChoice", label: "an unknown field" },
  { field: "fieldId", value: aFile(), key: /errors\.(invalid|invalidChoice)$/ },
  { field: "languages", value: undefined, key: "associations:errors.languageRequired" },
  { field: "languages", value: ["zz"], key: "errors.invalidChoice", label: "an unknown language" },
  { field: "districtId", value: "999999", key: "errors.invalidChoice", label: "an unknown district" },
  { field: "districtId", value: "-1", key: "errors.invalidChoice" },
  ...optional("place", 160),
  ...textCases("times", 200),
  { field: "targetGroup", value: "aliens", key: "errors.invalidChoice" },
  { field: "targetGroup", value: undefined, key: /^errors\.(required|invalidChoice)$/ },
  { field: "cost", value: "priceless", key: "errors.invalidChoice" },
  ...optional("feeNote", 200),
  ...textCases("contactPath", 300),
  { field: "contactPath", value: "Mail an trainer@privat.example.org", key: "associations:errors.noContactData", label: "an e-mail address" },
];

describe("new offer", () => {
  const t: FormTarget = { path: () => "/verein/angebote/neu", fn: newOffer.action, cookie: () => adminCookie, valid: offerValues };
  badInputCases(t, [...offerCases, { field: "organisationId", value: "abc", key: "errors.invalidChoice" }]);
  malformedBodyCase(t);
  it("stores an SQL fragment in a free-text field literally (control)", async () => {
    const res = await submit(t, { ...offerValues(), title: `Turnen ${SQL}` });
    expect(res.status).toBe(302);
    expect(await getDb().selectFrom("association_offer").select("title").where("title", "=", `Turnen ${SQL}`).executeTakeFirst()).toBeTruthy();
  });
});

describe("edit offer", () => {
  const t: FormTarget = {
    path: () => `/verein/angebote/${offerId}`,
    fn: editOffer.action,
    params: () => ({ id: String(offerId) }),
    cookie: () => adminCookie,
    valid: offerValues,
    reply: wrapped("save"),
  };
  badInputCases(t, offerCases);
  malformedBodyCase(t);
});

describe("invitation", () => {
  const t: FormTarget = {
    path: () => `/verein/${orgId}/mitglieder`,
    fn: members.action,
    params: () => ({ id: String(orgId) }),
    cookie: () => adminCookie,
    valid: () => ({ intent: "invite", email: "neues-mitglied@example.org" }),
    reply: wrapped("invite"),
  };
  badInputCases(t, emailCases("email"));
  malformedBodyCase(t);
  it("the valid form itself is accepted (control)", async () => {
    expect((await submit(t, t.valid())).status).toBe(302);
  });
});

describe("the office's rejection", () => {
  const t: FormTarget = {
    path: () => `/office/organisations/${pendingOrgId}`,
    fn: officeOrg.action,
    params: () => ({ id: String(pendingOrgId) }),
    cookie: () => officeCookie,
    valid: () => ({ intent: "reject-association", reason: "Bitte die Satzung nachreichen." }),
    reply: wrapped("reject-association"),
  };
  badInputCases(t, textCases("reason", 1000));
  it("the valid form itself is accepted (control)", async () => {
    expect((await submit(t, t.valid())).status).toBe(302);
  });
});
