import { beforeAll, describe, expect, it } from "vitest";
import * as orgDetail from "../../../app/routes/office.organisations.$id";
import * as orgNew from "../../../app/routes/office.organisations.new";
import * as userDetail from "../../../app/routes/office.users.$id";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser } from "../../factories";
import { sessionCookie, type RouteResult } from "../../setup/remix";
import { snapshotDb } from "../helpers";
import { aFile, badInputCases, emailCases, HTML, KB10, malformedBodyCase, SQL, submit, textCases, type BadCase, type FormTarget } from "./harness";

let coordinator: string;
let admin: string;
let orgId: number;
let target: { id: string };

beforeAll(async () => {
  const c = await createTestUser(getDb(), { roles: ["coordinator"] });
  coordinator = await sessionCookie(c.id);
  const a = await createTestUser(getDb(), { roles: ["admin"] });
  admin = await sessionCookie(a.id);
  orgId = (await createTestOrganisation(getDb(), { name: "Bestehender Verein e.V." })).id;
  target = await createTestUser(getDb(), { roles: ["volunteer"], email: "member-to-be@example.org" });
});

const validOrg = () => ({
  name: "Sportverein Beispiel e.V.",
  legalForm: "registered_association",
  contactName: "Karla Kontakt",
  email: "info@sv-beispiel.example.org",
  phone: "+49 2154 12345",
  street: "Sportplatzweg 3",
  postalCode: "47877",
  town: "Willich",
  website: "https://sv-beispiel.example.org",
  insurer: "Beispiel Versicherung AG",
  policyNumber: "HV-123",
  policyValidUntil: "2030-12-31",
});

const optionalText = (field: string, max: number): BadCase[] =>
  textCases(field, max).filter((c) => c.value !== undefined && c.value !== "   ");

const orgCases: BadCase[] = [
  ...textCases("name", 160),
  { field: "legalForm", value: undefined, key: /^errors\.(required|invalidChoice)$/ },
  { field: "legalForm", value: "spaceship", key: "errors.invalidChoice", label: "an unknown enum value" },
  { field: "legalForm", value: SQL, key: "errors.invalidChoice", label: "SQL fragment" },
  { field: "legalForm", value: aFile(), key: /errors\.(invalid|invalidChoice)$/ },
  ...optionalText("contactName", 120),
  ...emailCases("email").filter((c) => c.value !== undefined && c.value !== ""),
  { field: "phone", value: "call me maybe", key: "errors.invalidPhone" },
  { field: "phone", value: HTML, key: /errors\.(forbiddenCharacters|invalidPhone)/, label: "HTML" },
  { field: "phone", value: KB10, key: /errors\.tooLong/, label: "10 kB" },
  { field: "phone", value: aFile(), key: "errors.invalid" },
  ...optionalText("street", 160),
  { field: "postalCode", value: "4787", key: "errors.invalidPostalCode" },
  { field: "postalCode", value: "ABCDE", key: "errors.invalidPostalCode" },
  { field: "postalCode", value: "478770", key: "errors.invalidPostalCode" },
  { field: "postalCode", value: KB10, key: /errors\./, label: "10 kB" },
  { field: "postalCode", value: aFile(), key: "errors.invalid" },
  ...optionalText("town", 80),
  { field: "website", value: "javascript:alert(1)", key: "errors.invalidUrl" },
  { field: "website", value: "ftp://files.example.org", key: "errors.invalidUrl" },
  { field: "website", value: "not a url", key: "errors.invalidUrl" },
  { field: "website", value: `https://example.org/${KB10}`, key: /errors\.tooLong/, label: "10 kB" },
  { field: "website", value: aFile(), key: "errors.invalid" },
  ...textCases("insurer", 160).map((c) => (c.value === undefined || c.value === "   " ? { ...c, key: "errors.policyRequired" } : c)),
  ...textCases("policyNumber", 80).map((c) => (c.value === undefined || c.value === "   " ? { ...c, key: "errors.policyRequired" } : c)),
  { field: "policyValidUntil", value: undefined, key: "errors.policyRequired" },
  { field: "policyValidUntil", value: "2026-02-30", key: "errors.invalidDate" },
  { field: "policyValidUntil", value: "12/31/2026", key: "errors.invalidDate", label: "12/31/20xx (month first, US order; the German order is read as a day)" },
  { field: "policyValidUntil", value: "tomorrow", key: "errors.invalidDate" },
  { field: "policyValidUntil", value: SQL, key: "errors.invalidDate", label: "SQL fragment" },
  { field: "policyValidUntil", value: KB10, key: "errors.invalidDate", label: "10 kB" },
  { field: "policyValidUntil", value: aFile(), key: "errors.invalid" },
];

describe("new organisation", () => {
  const t: FormTarget = { path: () => "/office/organisations/new", fn: orgNew.action, cookie: () => coordinator, valid: validOrg };
  badInputCases(t, orgCases);
  malformedBodyCase(t);

  it("stores an SQL fragment in a free-text field literally (parameterised queries)", async () => {
    const res = await submit(t, { ...validOrg(), name: `Verein ${SQL}`, contactName: "O'Brien" });
    expect(res.status).toBe(302);
    const id = Number(/\/office\/organisations\/(\d+)$/.exec(res.headers.get("Location")!)![1]);
    const row = await getDb().selectFrom("organisation").select(["name", "contact_name"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: `Verein ${SQL}`, contact_name: "O'Brien" });
    expect(Number((await getDb().selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
  });

  it("keeps no policy for forms other than a registered association", async () => {
    const res = await submit(t, { ...validOrg(), name: "Initiative ohne Police", legalForm: "initiative" });
    expect(res.status).toBe(302);
    const row = await getDb().selectFrom("organisation").select(["insurer", "policy_number", "policy_valid_until"]).where("name", "=", "Initiative ohne Police").executeTakeFirstOrThrow();
    expect(row).toEqual({ insurer: null, policy_number: null, policy_valid_until: null });
  });
});

/** The reply of a page with several forms carries the intent of the form it answers. */
const wrapped = (intent: string) => (res: RouteResult) => {
  expect((res.data as any).initialValue.intent).toBe(intent);
  return res.data;
};

describe("edit organisation", () => {
  const t: FormTarget = {
    path: () => `/office/organisations/${orgId}`,
    fn: orgDetail.action,
    params: () => ({ id: String(orgId) }),
    cookie: () => coordinator,
    valid: () => ({ intent: "save", ...validOrg() }),
    reply: wrapped("save"),
  };
  badInputCases(t, orgCases);
  malformedBodyCase(t);
  it("the valid form itself is accepted (control)", async () => {
    const res = await submit(t, { intent: "save", ...validOrg(), name: "Umbenannt e.V." });
    expect(res.status).toBe(302);
    expect((await getDb().selectFrom("organisation").select("name").where("id", "=", orgId).executeTakeFirstOrThrow()).name).toBe("Umbenannt e.V.");
  });
});

describe("add member", () => {
  const t: FormTarget = {
    path: () => `/office/organisations/${orgId}`,
    fn: orgDetail.action,
    params: () => ({ id: String(orgId) }),
    cookie: () => coordinator,
    valid: () => ({ intent: "add-member", email: "member-to-be@example.org" }),
    reply: wrapped("add-member"),
  };
  badInputCases(t, [
    ...emailCases("email"),
    { field: "email", value: "nobody-here@example.org", key: "errors.noSuchAccount", label: "an address without account" },
  ]);
  it("the valid form itself is accepted (control)", async () => {
    const res = await submit(t, t.valid());
    expect(res.status).toBe(302);
    const m = await getDb().selectFrom("organisation_member").select("organisation_id").where("user_id", "=", target.id).execute();
    expect(m.map((r) => r.organisation_id)).toEqual([orgId]);
  });
  it("a bad member id for removal is a 400 and writes nothing", async () => {
    const before = await snapshotDb();
    const res = await submit(t, { intent: "remove-member", userId: KB10 });
    expect(res.status).toBe(400);
    const file = await submit(t, { intent: "remove-member", userId: aFile() });
    expect(file.status).toBe(400);
    expect(await snapshotDb()).toEqual(before);
  });
});

describe("user roles", () => {
  const t: FormTarget = {
    path: () => `/office/users/${target.id}`,
    fn: userDetail.action,
    params: () => ({ id: target.id }),
    cookie: () => admin,
    valid: () => ({ intent: "roles", roles: ["volunteer", "coordinator"] }),
  };
  badInputCases(t, [
    { field: "roles", value: "superuser", key: "errors.invalidChoice", label: "an unknown role" },
    { field: "roles", value: ["volunteer", "root"], key: /errors\.invalidChoice/, label: "one unknown among known" },
    { field: "roles", value: SQL, key: /errors\.invalidChoice/, label: "SQL fragment" },
    { field: "roles", value: HTML, key: /errors\.invalidChoice/, label: "HTML" },
    { field: "roles", value: KB10, key: /errors\.invalidChoice/, label: "10 kB" },
    { field: "roles", value: ["admin", "admin", "admin", "admin", "admin"], key: /errors\./, label: "too many values" },
    { field: "roles", value: aFile(), key: /errors\.(invalid|invalidChoice)$/ },
  ]);
  malformedBodyCase(t);
  it("the valid form itself is accepted (control); no roles at all is allowed", async () => {
    expect((await submit(t, t.valid())).status).toBe(302);
    expect((await submit(t, { intent: "roles" })).status).toBe(302);
    // `association_member` follows the membership added above and is not set by this form.
    expect(await getDb().selectFrom("user_role").select("role").where("user_id", "=", target.id).execute()).toEqual([{ role: "association_member" }]);
  });
});
