/**
 * Bad input on every sponsorship form: each case posts a valid form with one field replaced (or
 * removed) and expects a 400 with a translated message at that field (a key of `common` or of the
 * module's namespace), the input sent back to the form, and nothing written to the module's tables,
 * the households, their consents or the outbox.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../../db/schema";
import * as publicPage from "../../../app/routes/patenschaften";
import * as newRequest from "../../../app/routes/office.sponsorships.requests.new";
import * as requestPage from "../../../app/routes/office.sponsorships.requests.$id";
import * as mine from "../../../app/routes/me.sponsorships._index";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import { resources } from "../../../app/i18n/resources.server";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { sessionCookie } from "../../setup/remix";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestHousehold } from "../../factories/donations";
import { createTestProgramme, createTestProposal, createTestRequest, makeTestSponsor } from "../../factories/sponsorships";
import { aFile, HTML, KB10, NUL, SQL, submit, textCases, type BadCase, type FormTarget, type Value } from "../bad-input/harness";

const TABLES = [
  "sponsorship_programme",
  "sponsorship_request",
  "sponsorship_request_language",
  "sponsorship_request_help",
  "sponsor_profile",
  "sponsor_help",
  "sponsorship_proposal",
  "tandem",
  "tandem_event",
  "household",
  "household_language",
  "household_consent",
  "outbox",
  "form_submission",
] as const satisfies readonly (keyof DB)[];

async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await getDb().selectFrom(t).selectAll().execute();
  return out;
}

/** A message key of `common` or of a module's namespace, optionally with values. */
const KEY = /^([a-z]+:)?errors\.[A-Za-z]+(\|\{.*\})?$/;

/** The message exists in every UI language. */
function translated(message: string) {
  const key = message.split("|")[0];
  const [ns, path] = key.includes(":") ? key.split(":") : ["common", key];
  for (const lang of SUPPORTED_LANGUAGES) {
    let node: unknown = resources[lang][ns];
    for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    expect(typeof node, `${lang}: ${key}`).toBe("string");
  }
}

function cases(target: FormTarget, list: BadCase[]) {
  for (const c of list) {
    const label = c.label ?? (c.value instanceof File ? "a File" : c.value === undefined ? "missing" : JSON.stringify(c.value).slice(0, 40));
    it(`${c.field}: ${label} → 400 with a field message, input kept, nothing written`, async () => {
      const fields: Record<string, Value> = { ...target.valid() };
      if (c.value === undefined) delete fields[c.field];
      else fields[c.field] = c.value;
      const before = await snapshot();
      const res = await submit(target, fields);
      expect(res.status, JSON.stringify(res.data).slice(0, 400)).toBe(400);
      const reply = res.data as { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
      expect(reply.status).toBe("error");
      const keys = Object.keys(reply.error ?? {}).filter((k) => k === c.field || k.startsWith(`${c.field}[`));
      const messages = keys.flatMap((k) => reply.error?.[k] ?? []);
      expect(messages.length, `no message at ${c.field}: ${JSON.stringify(reply.error)}`).toBeGreaterThan(0);
      for (const m of Object.values(reply.error ?? {}).flat()) {
        if (!m) continue;
        expect(m).toMatch(KEY);
        translated(m);
      }
      if (c.key instanceof RegExp) expect(messages.join(" ")).toMatch(c.key);
      else if (c.key) expect(messages).toContain(c.key);
      if (typeof c.value === "string" && c.value !== "") expect(reply.initialValue?.[c.field]).toBe(c.value);
      expect(await snapshot()).toEqual(before);
    });
  }
}

const nameCases = (field: string): BadCase[] => [...textCases(field, 120), { field, value: "R2-D2", key: "errors.invalidName" }];
const idCases = (field: string): BadCase[] => [
  { field, value: undefined, key: "errors.required" },
  { field, value: "abc", key: "errors.invalidChoice" },
  { field, value: "0", key: "errors.invalidChoice" },
  { field, value: SQL, key: "errors.invalidChoice", label: "SQL fragment" },
  { field, value: aFile(), key: /errors\.invalid/ },
];
const choiceCases = (field: string, known?: BadCase): BadCase[] => [
  { field, value: "spaceship", key: "errors.invalidChoice" },
  { field, value: SQL, key: "errors.invalidChoice", label: "SQL fragment" },
  { field, value: aFile(), key: /errors\.invalid/ },
  ...(known ? [known] : []),
];
const wishCases: BadCase[] = [
  { field: "languages", value: "xx", key: "errors.invalidChoice", label: "an unknown language" },
  { field: "languages", value: HTML, key: "errors.invalidChoice", label: "HTML" },
  { field: "languages", value: aFile(), key: "errors.invalidChoice" },
  { field: "help", value: undefined, key: "sponsorships:errors.helpRequired" },
  ...choiceCases("help"),
  { field: "times", value: "8-morning", key: "errors.invalidChoice", label: "an eighth weekday" },
  ...choiceCases("times"),
  { field: "districtId", value: "999999", key: "errors.invalidChoice", label: "an unknown district" },
  { field: "districtId", value: "abc", key: "errors.invalidChoice" },
  ...choiceCases("genderWish"),
];

let coordinator: string;
let volunteer: string;
let householdId: number;
let requestId: number;
let proposalId: number;
const today = berlinDay(new Date());

beforeAll(async () => {
  coordinator = await sessionCookie((await createTestUser(getDb(), { roles: ["coordinator"] })).id);
  const v = await createTestVolunteer(getDb(), { status: "active" });
  await makeTestSponsor(getDb(), v.id, { capacity: 2 });
  volunteer = await sessionCookie(v.id);
  await createTestProgramme(getDb());
  householdId = (await createTestHousehold(getDb(), { consent: false })).id;
  const other = await createTestHousehold(getDb());
  requestId = (await createTestRequest(getDb(), other.id)).id;
  proposalId = (await createTestProposal(getDb(), requestId, v.id)).id;
});

describe("office: new request", () => {
  const t: FormTarget = {
    path: () => "/office/sponsorships/requests/new",
    fn: newRequest.action,
    cookie: () => coordinator,
    valid: () => ({ householdId: String(householdId), firstName: "Amal", source: "office", languages: ["ar"], help: ["school"], times: ["1-morning"], districtId: "", genderWish: "", note: "", consentGivenOn: today, consentLanguage: "de" }),
  };
  cases(t, [
    ...nameCases("firstName"),
    ...idCases("householdId"),
    { field: "householdId", value: "999999", key: "errors.invalidChoice", label: "a household that does not exist" },
    { field: "source", value: undefined, key: /errors\.(required|invalidChoice)/ },
    { field: "source", value: "public", key: "errors.invalidChoice", label: "the public form's source" },
    ...choiceCases("source"),
    ...wishCases,
    { field: "note", value: "x".repeat(501), key: 'errors.tooLong|{"max":500}', label: "501 characters" },
    { field: "note", value: HTML, key: "errors.forbiddenCharacters", label: "HTML" },
    { field: "note", value: NUL, key: "errors.forbiddenCharacters", label: "a NUL byte" },
    { field: "consentGivenOn", value: undefined, key: "sponsorships:errors.consentRequired", label: "missing without a consent in force" },
    { field: "consentGivenOn", value: "2026-02-30", key: "errors.invalidDate" },
    { field: "consentGivenOn", value: "gestern", key: "errors.invalidDate" },
    { field: "consentGivenOn", value: addDaysToDay(today, 3), key: "sponsorships:errors.futureDate", label: "in the future" },
    { field: "consentGivenOn", value: KB10, key: "errors.invalidDate", label: "10 kB" },
    { field: "consentLanguage", value: undefined, key: "errors.required" },
    { field: "consentLanguage", value: "fr", key: "errors.invalidChoice", label: "a language without a text" },
    ...choiceCases("consentLanguage"),
  ]);
});

describe("public request form", () => {
  const t: FormTarget = {
    path: () => "/patenschaften",
    fn: publicPage.action,
    valid: () => ({ firstName: "Olena", phone: "0170 1234567", email: "", languages: ["uk"], help: ["german"], times: ["2-evening"], districtId: "2", genderWish: "female", consent: "on" }),
  };
  cases(t, [
    ...nameCases("firstName"),
    { field: "phone", value: undefined, key: "sponsorships:errors.contactRequired", label: "neither phone nor e-mail" },
    { field: "phone", value: "call me maybe", key: "errors.invalidPhone" },
    { field: "phone", value: HTML, key: /errors\.(forbiddenCharacters|invalidPhone)/, label: "HTML" },
    { field: "phone", value: KB10, key: /errors\.tooLong/, label: "10 kB" },
    { field: "email", value: "not-an-address", key: "errors.invalidEmail" },
    { field: "email", value: `${SQL}@example.org`, key: "errors.invalidEmail", label: "SQL fragment" },
    ...wishCases,
    { field: "consent", value: undefined, key: "sponsorships:errors.consentRequired" },
    { field: "consent", value: "yes", key: "sponsorships:errors.consentRequired" },
    { field: "consent", value: aFile(), key: "sponsorships:errors.consentRequired" },
  ]);
});

describe("volunteer: sponsor profile", () => {
  const t: FormTarget = {
    path: () => "/me/sponsorships",
    fn: mine.action,
    cookie: () => volunteer,
    valid: () => ({ intent: "profile", willing: "on", capacity: "2", help: ["german"], times: ["1-morning"], districtId: "", gender: "", hasCar: "" }),
  };
  cases(t, [
    { field: "capacity", value: undefined, key: "errors.required" },
    { field: "capacity", value: "0", key: 'sponsorships:errors.capacityRange|{"max":10}' },
    { field: "capacity", value: "11", key: 'sponsorships:errors.capacityRange|{"max":10}' },
    { field: "capacity", value: "1.5", key: "errors.invalid" },
    { field: "capacity", value: "viele", key: "errors.invalid" },
    { field: "capacity", value: aFile(), key: "errors.invalid" },
    ...choiceCases("help"),
    ...choiceCases("times"),
    { field: "districtId", value: "999999", key: "errors.invalidChoice", label: "an unknown district" },
    ...choiceCases("gender"),
  ]);
});

describe("volunteer: answering a proposal", () => {
  const t: FormTarget = {
    path: () => "/me/sponsorships",
    fn: mine.action,
    cookie: () => volunteer,
    valid: () => ({ intent: "answer", proposalId: String(proposalId), answer: "declined", reason: "no_time" }),
  };
  cases(t, [
    ...idCases("proposalId"),
    { field: "answer", value: undefined, key: /errors\.(required|invalidChoice)/ },
    ...choiceCases("answer"),
    { field: "reason", value: undefined, key: "sponsorships:errors.reasonRequired", label: "missing when declining" },
    ...choiceCases("reason"),
  ]);
  it("an unknown intent is a 400, nothing written", async () => {
    const before = await snapshot();
    expect((await submit(t, { intent: "hack", proposalId: String(proposalId) })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("office: a request's forms", () => {
  const target = (valid: () => Record<string, string>): FormTarget => ({
    path: () => `/office/sponsorships/requests/${requestId}`,
    fn: requestPage.action,
    params: () => ({ id: String(requestId) }),
    cookie: () => coordinator,
    valid,
  });
  describe("propose", () => {
    cases(target(() => ({ intent: "propose", volunteerId: "nobody-here" })), [
      { field: "volunteerId", value: undefined, key: "errors.required" },
      { field: "volunteerId", value: "../../etc/passwd", key: "errors.invalidChoice" },
      { field: "volunteerId", value: SQL, key: "errors.invalidChoice", label: "SQL fragment" },
      { field: "volunteerId", value: "nobody-here", key: "sponsorships:errors.notEligible", label: "nobody of that id" },
      { field: "volunteerId", value: aFile(), key: /errors\.invalid/ },
    ]);
  });
  describe("withdraw", () => {
    cases(target(() => ({ intent: "withdraw", proposalId: String(proposalId) })), idCases("proposalId"));
  });
  describe("agree", () => {
    cases(target(() => ({ intent: "agree", proposalId: String(proposalId), programmeId: "1" })), [...idCases("programmeId"), ...idCases("proposalId")]);
  });
  describe("close", () => {
    cases(target(() => ({ intent: "close", reason: "" })), [
      { field: "reason", value: "x".repeat(301), key: 'errors.tooLong|{"max":300}', label: "301 characters" },
      { field: "reason", value: HTML, key: "errors.forbiddenCharacters", label: "HTML" },
      { field: "reason", value: aFile(), key: "errors.invalid" },
    ]);
  });
});
