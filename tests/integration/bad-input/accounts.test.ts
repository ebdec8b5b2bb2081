import { beforeAll, describe, expect, it } from "vitest";
import { isResetTokenValid, requestPasswordReset } from "../../../app/modules/accounts/commands.server";
import * as forgot from "../../../app/routes/forgot-password";
import * as login from "../../../app/routes/login";
import * as me from "../../../app/routes/me.konto";
import * as register from "../../../app/routes/register";
import * as reset from "../../../app/routes/reset-password.$token";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { sessionCookie } from "../../setup/remix";
import { snapshotDb } from "../helpers";
import {
  badInputCases,
  currentPasswordCases,
  emailCases,
  HTML,
  KB10,
  malformedBodyCase,
  newPasswordCases,
  repeatCases,
  SQL,
  submit,
  textCases,
  aFile,
  type FormTarget,
} from "./harness";

let user: Awaited<ReturnType<typeof createTestUser>>;
let cookie: string;
let resetToken: string;

beforeAll(async () => {
  user = await createTestUser(getDb(), { email: "bad-input@example.org", name: "Bea Beispiel" });
  cookie = await sessionCookie(user.id);
  await requestPasswordReset({ email: user.email });
  const mail = await getDb().selectFrom("outbox").select("text").where("to_address", "=", user.email).executeTakeFirstOrThrow();
  resetToken = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
});

const nameCases = (field: string) => [
  ...textCases(field, 120),
  { field, value: SQL, key: "errors.invalidName", label: "SQL fragment" },
  { field, value: "12345", key: "errors.invalidName", label: "digits only" },
];

describe("register", () => {
  const target: FormTarget = {
    path: () => "/register",
    fn: register.action,
    valid: () => ({ name: "Lea Beispiel", email: "lea-new@example.org", password: "lange genug 123", passwordRepeat: "lange genug 123", terms: "on" }),
  };
  badInputCases(target, [
    ...nameCases("name"),
    ...emailCases("email"),
    ...newPasswordCases("password"),
    ...repeatCases("passwordRepeat"),
    { field: "terms", value: undefined, key: "errors.acceptPrivacy" },
    { field: "terms", value: "yes", key: "errors.acceptPrivacy", label: "an unknown value" },
    { field: "terms", value: aFile(), key: "errors.acceptPrivacy" },
  ]);
  malformedBodyCase(target);
  it("the valid form itself is accepted (control)", async () => {
    const res = await submit(target, target.valid());
    expect(res.status).toBe(302);
    expect(await getDb().selectFrom("user").select("name").where("email", "=", "lea-new@example.org").executeTakeFirst()).toEqual({ name: "Lea Beispiel" });
  });
});

describe("login", () => {
  const target: FormTarget = {
    path: () => "/login",
    fn: login.action,
    context: { clientIp: "172.16.0.1" },
    valid: () => ({ email: user.email, password: user.password, redirectTo: "/me" }),
  };
  badInputCases(target, [
    ...emailCases("email"),
    ...currentPasswordCases("password"),
    { field: "password", value: "", key: "errors.required", label: "empty" },
    { field: "redirectTo", value: KB10, key: /errors\.tooLong/, label: "10 kB" },
    { field: "redirectTo", value: aFile(), key: "errors.invalid" },
  ]);
  malformedBodyCase(target);

  it("SQL in the password is just a wrong password; nobody is logged in and nothing breaks", async () => {
    const res = await submit({ ...target, context: { clientIp: "172.16.0.2" } }, { email: user.email, password: SQL });
    expect(res.status).toBe(400);
    expect((res.data as any).error[""]).toEqual(["errors.invalidCredentials"]);
    const quoted = await submit({ ...target, context: { clientIp: "172.16.0.2" } }, { email: "x'or'1'='1@example.org", password: "' OR '1'='1" });
    expect(quoted.status).toBe(400);
    expect(quoted.headers.getSetCookie().some((c) => c.startsWith("eh_session="))).toBe(false);
    expect(Number((await getDb().selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
  });

  it("the valid form itself is accepted (control)", async () => {
    expect((await submit(target, target.valid())).status).toBe(302);
  });
});

describe("forgot password", () => {
  const target: FormTarget = { path: () => "/forgot-password", fn: forgot.action, valid: () => ({ email: user.email }) };
  badInputCases(target, emailCases("email"));
  malformedBodyCase(target);
});

describe("reset password", () => {
  const target: FormTarget = {
    path: () => `/reset-password/${resetToken}`,
    fn: reset.action,
    params: () => ({ token: resetToken }),
    valid: () => ({ password: "ein ganz neues", passwordRepeat: "ein ganz neues" }),
  };
  badInputCases(target, [...newPasswordCases("password"), ...repeatCases("passwordRepeat")]);
  malformedBodyCase(target);
  it("bad input did not use up the link", async () => {
    expect(await isResetTokenValid(resetToken)).toBe(true);
  });
});

describe("own account", () => {
  const me_ = (intent: string, valid: () => Record<string, string>): FormTarget => ({
    path: () => "/me/konto",
    fn: me.action,
    cookie: () => cookie,
    valid: () => ({ intent, ...valid() }),
    reply: (res) => {
      // The reply of a page with several forms carries the intent of the form it answers.
      expect((res.data as any).initialValue.intent).toBe(intent);
      return res.data;
    },
  });
  describe("profile", () => {
    badInputCases(me_("change-profile", () => ({ name: "Bea Neu" })), nameCases("name"));
  });
  describe("e-mail", () => {
    badInputCases(me_("change-email", () => ({ newEmail: "bea-neu@example.org", currentPassword: user.password })), [
      ...emailCases("newEmail"),
      ...currentPasswordCases("currentPassword"),
    ]);
  });
  describe("password", () => {
    badInputCases(me_("change-password", () => ({ currentPassword: user.password, password: "ein neues pw", passwordRepeat: "ein neues pw" })), [
      ...currentPasswordCases("currentPassword"),
      ...newPasswordCases("password"),
      ...repeatCases("passwordRepeat"),
    ]);
  });
  malformedBodyCase(me_("change-profile", () => ({})));
  it("an intent that is a File is a 400", async () => {
    const before = await snapshotDb();
    const res = await submit(me_("x", () => ({})), { intent: aFile(), name: HTML });
    expect(res.status).toBe(400);
    expect(await snapshotDb()).toEqual(before);
  });
});
