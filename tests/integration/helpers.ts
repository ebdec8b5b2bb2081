/**
 * Small helpers shared by the integration tests (not a test file itself).
 */
import { expect } from "vitest";
import { getDb } from "../../app/utils/db.server";
import { resetEnvCache } from "../../app/utils/env.server";
import type { DB } from "../../db/schema";
import { createTestOrganisation, createTestUser } from "../factories";
import { sessionCookie } from "../setup/remix";
import type { Role } from "../../db/schema";

export const TABLES = [
  "user",
  "user_role",
  "session",
  "email_token",
  "login_attempt",
  "organisation",
  "organisation_member",
  "outbox",
  "audit_log",
  // associations (issue #15)
  "association_profile",
  "association_field",
  "association_language",
  "association_invite",
  "association_offer",
  "association_offer_language",
] as const satisfies readonly (keyof DB)[];

/** Row counts of every table a form of the foundation could write to. */
export async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await getDb().selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** A translation key of `common` (`errors.*`) or of a module's namespace (`associations:errors.*`), optionally with `|{json values}`. */
export const ERROR_KEY = /^([a-z]+:)?errors\.[A-Za-z]+(\|\{.*\})?$/;

/** Asserts that a conform reply carries a translated message for `field` (and only keys). */
export function expectFieldError(reply: any, field: string, key?: string | RegExp) {
  expect(reply?.status, JSON.stringify(reply)).toBe("error");
  // An array field may carry its messages per item (`roles[1]`).
  const keys = Object.keys(reply.error ?? {}).filter((k) => k === field || k.startsWith(`${field}[`));
  const messages: string[] | undefined = keys.length ? keys.flatMap((k) => reply.error[k] ?? []) : undefined;
  expect(messages, `no message for ${field}: ${JSON.stringify(reply.error)}`).toBeDefined();
  for (const m of messages!) expect(m).toMatch(ERROR_KEY);
  for (const list of Object.values(reply.error ?? {}) as (string[] | null)[]) for (const m of list ?? []) expect(m).toMatch(ERROR_KEY);
  if (key instanceof RegExp) expect(messages!.join(" ")).toMatch(key);
  else if (key) expect(messages).toContain(key);
}

/** Sets environment variables for one test and restores them afterwards. */
export function withEnv(vars: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  };
}

/** One logged-in user per role, plus organisations for the member. */
export async function actors() {
  const db = getDb();
  const own = await createTestOrganisation(db, { name: "Eigener Verein e.V." });
  const other = await createTestOrganisation(db, { name: "Anderer Verein e.V." });
  const make = async (roles: Role[], organisationIds: number[] = []) => {
    const u = await createTestUser(db, { roles, organisationIds });
    return { ...u, cookie: await sessionCookie(u.id) };
  };
  return {
    own,
    other,
    volunteer: await make(["volunteer"]),
    member: await make(["association_member"], [own.id]),
    coordinator: await make(["coordinator"]),
    admin: await make(["admin"]),
  };
}

/** Every row of every table a form could write to (catches updates, not only inserts). */
export async function snapshotDb(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await getDb().selectFrom(t).selectAll().execute();
  return out;
}
