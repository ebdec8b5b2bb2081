/**
 * PostgreSQL for tests (issue #13): with TEST_DATABASE_URL set (a server and a database the tests
 * may connect to, e.g. postgres://postgres@127.0.0.1:5432/test), every test file gets a database of
 * its own, created here and dropped when the file is done, so files never share state.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Engine } from "../../db/dialect";

export const testPostgresUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/** Creates an empty database on the TEST_DATABASE_URL server; returns its URL and how to drop it. */
export async function createTestPostgresDatabase(prefix = "eh_test"): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = testPostgresUrl();
  if (!admin) throw new Error("TEST_DATABASE_URL is not set.");
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withClient(admin, (c) => c.query(`create database "${name}"`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withClient(admin, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The engine of the browser tests' servers (tests/setup/server.ts): `TEST_BROWSER_ENGINE`, `sqlite`
 * (the default) or `postgres`, which needs TEST_DATABASE_URL (each test file's server gets a
 * database of its own there).
 */
export function browserTestEngine(env: Readonly<Record<string, string | undefined>> = process.env): Engine {
  const value = (env.TEST_BROWSER_ENGINE ?? "").trim().toLowerCase();
  if (value === "" || value === "sqlite") return "sqlite";
  if (value !== "postgres") throw new Error(`TEST_BROWSER_ENGINE must be "sqlite" or "postgres", not "${env.TEST_BROWSER_ENGINE}".`);
  if (!env.TEST_DATABASE_URL) throw new Error("TEST_BROWSER_ENGINE=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test): each browser test file's server gets a database of its own there.");
  return "postgres";
}
