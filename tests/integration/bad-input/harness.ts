/**
 * Table-driven bad-input checks: each case posts a valid form with one field replaced (or
 * removed) and expects a 400 with a translated field message (`errors.*`), the input sent back to
 * the form (the conform reply's `initialValue`), and an unchanged database (row counts and contents).
 */
import { expect, it } from "vitest";
import { makeRequest, run, type RouteResult } from "../../setup/remix";
import { expectFieldError, rowCounts, snapshotDb } from "../helpers";

export const KB10 = "a".repeat(10 * 1024);
export const HTML = '<script>alert("x")</script>';
export const SQL = "x'); DROP TABLE user;--";
export const NUL = "Name\u0000mit Steuerzeichen";
export const aFile = () => new File(["not text but a file"], "evil.txt", { type: "text/plain" });

export type Value = string | string[] | File | undefined;
export type BadCase = { field: string; value: Value; key?: string | RegExp; label?: string };

export type FormTarget = {
  path: () => string;
  fn: Parameters<typeof run>[0];
  params?: () => Record<string, string>;
  cookie?: () => string | undefined;
  context?: Record<string, unknown>;
  valid: () => Record<string, string | string[]>;
  /** Checks on the answer before the conform reply in it is read (e.g. which form of the page it is for). */
  reply?: (res: RouteResult) => unknown;
  /** Fields the form deliberately does not send back (none so far). */
  notKept?: string[];
};

export function formData(fields: Record<string, Value>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  }
  return fd;
}

export function submit(target: FormTarget, fields: Record<string, Value>) {
  return run(target.fn, makeRequest(target.path(), { form: formData(fields), cookie: target.cookie?.() }), target.params?.() ?? {}, target.context ?? {});
}

const show = (v: Value) => (v instanceof File ? "a File" : v === undefined ? "missing" : JSON.stringify(v).slice(0, 40));

export function badInputCases(target: FormTarget, cases: BadCase[]) {
  for (const c of cases) {
    it(`${c.field}: ${c.label ?? show(c.value)} → 400 with a field message, nothing written`, async () => {
      const fields: Record<string, Value> = { ...target.valid() };
      if (c.value === undefined) delete fields[c.field];
      else fields[c.field] = c.value;
      const counts = await rowCounts();
      const snapshot = await snapshotDb();
      const res = await submit(target, fields);
      expect(res.status, JSON.stringify(res.data).slice(0, 500)).toBe(400);
      const reply = (target.reply ? target.reply(res) : res.data) as { initialValue?: Record<string, unknown> | null };
      expectFieldError(reply, c.field, c.key);
      // The input is kept: the wrong value comes back to be corrected (a file cannot be sent back).
      if (typeof c.value === "string" && c.value !== "" && !target.notKept?.includes(c.field)) expect(reply.initialValue?.[c.field]).toBe(c.value);
      expect(await rowCounts()).toEqual(counts);
      expect(await snapshotDb()).toEqual(snapshot);
    });
  }
}

/** The standard set for a required plain-text field. */
export const textCases = (field: string, max: number): BadCase[] => [
  { field, value: undefined, key: "errors.required" },
  { field, value: "   ", key: "errors.required", label: "only spaces" },
  { field, value: "x".repeat(max + 1), key: `errors.tooLong|{"max":${max}}`, label: `${max + 1} characters` },
  { field, value: KB10, key: /errors\.tooLong/, label: "10 kB" },
  { field, value: HTML, key: "errors.forbiddenCharacters", label: "HTML" },
  { field, value: NUL, key: "errors.forbiddenCharacters", label: "a NUL byte" },
  { field, value: "abc\u202Egnp.exe", key: "errors.forbiddenCharacters", label: "a right-to-left override" },
  { field, value: "Name \u2067x\u2069", key: "errors.forbiddenCharacters", label: "a bidi isolate" },
  { field, value: aFile(), key: "errors.invalid" },
];

/** The standard set for a required e-mail field. */
export const emailCases = (field: string): BadCase[] => [
  { field, value: undefined, key: "errors.required" },
  { field, value: "", key: "errors.required", label: "empty" },
  { field, value: "not-an-address", key: "errors.invalidEmail" },
  { field, value: "a@b", key: "errors.invalidEmail" },
  { field, value: SQL, key: "errors.invalidEmail", label: "SQL fragment" },
  { field, value: `${SQL}@example.org`, key: "errors.invalidEmail", label: "SQL fragment as local part" },
  { field, value: `<script>@example.org`, key: "errors.invalidEmail", label: "HTML" },
  { field, value: `${KB10}@example.org`, key: /errors\.tooLong/, label: "10 kB" },
  { field, value: aFile(), key: "errors.invalid" },
];

/** A new password (and its repetition). */
export const newPasswordCases = (field = "password"): BadCase[] => [
  { field, value: undefined, key: "errors.required" },
  { field, value: "kurz", key: 'errors.passwordTooShort|{"min":8}' },
  { field, value: KB10, key: 'errors.tooLong|{"max":200}', label: "10 kB" },
  { field, value: aFile(), key: "errors.invalid" },
];

export const repeatCases = (field = "passwordRepeat"): BadCase[] => [
  { field, value: "something else entirely", key: "errors.passwordsDiffer", label: "different" },
  { field, value: KB10, key: /errors\.(tooLong|passwordsDiffer)/, label: "10 kB" },
  { field, value: aFile(), key: "errors.invalid" },
];

export const currentPasswordCases = (field: string): BadCase[] => [
  { field, value: undefined, key: "errors.required" },
  { field, value: KB10, key: 'errors.tooLong|{"max":200}', label: "10 kB" },
  { field, value: aFile(), key: "errors.invalid" },
];

/** A body no parser can read is a 400, never a 500. */
export function malformedBodyCase(target: FormTarget) {
  it("a malformed multipart body → 400, nothing written", async () => {
    const headers = new Headers({ "Content-Type": "multipart/form-data; boundary=----nope" });
    const cookie = target.cookie?.();
    if (cookie) headers.set("Cookie", cookie);
    const before = await snapshotDb();
    const req = new Request(`http://localhost:3000${target.path()}`, { method: "POST", headers, body: "garbage, no boundary at all\r\n--" });
    const res = await run(target.fn, req, target.params?.() ?? {}, target.context ?? {});
    expect(res.status).toBe(400);
    expect(await snapshotDb()).toEqual(before);
  });
}
