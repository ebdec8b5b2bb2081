/**
 * The browser tests run on either engine (issue #13): `TEST_BROWSER_ENGINE` chooses the engine of
 * their servers, and no browser test or helper opens the server's database other than through
 * Kysely (`createDatabase`), which takes a SQLite file or a postgres:// URL alike.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { browserTestEngine } from "../setup/postgres";

const BROWSER_DIR = path.resolve(import.meta.dirname, "../browser");

describe("TEST_BROWSER_ENGINE", () => {
  it("is SQLite by default and PostgreSQL when asked for, with a server to make the database on", () => {
    expect(browserTestEngine({})).toBe("sqlite");
    expect(browserTestEngine({ TEST_BROWSER_ENGINE: "sqlite", TEST_DATABASE_URL: "postgres://x@127.0.0.1/test" })).toBe("sqlite");
    expect(browserTestEngine({ TEST_BROWSER_ENGINE: "postgres", TEST_DATABASE_URL: "postgres://x@127.0.0.1/test" })).toBe("postgres");
    expect(browserTestEngine({ TEST_BROWSER_ENGINE: " Postgres ", TEST_DATABASE_URL: "postgres://x@127.0.0.1/test" })).toBe("postgres");
  });

  it("refuses PostgreSQL without TEST_DATABASE_URL and an unknown engine, instead of running on SQLite silently", () => {
    expect(() => browserTestEngine({ TEST_BROWSER_ENGINE: "postgres" })).toThrow(/TEST_DATABASE_URL/);
    expect(() => browserTestEngine({ TEST_BROWSER_ENGINE: "mysql" })).toThrow(/TEST_BROWSER_ENGINE/);
  });
});

describe("browser tests reach the database through Kysely only", () => {
  it("no browser test or helper opens the SQLite file itself", () => {
    const files = fs.readdirSync(BROWSER_DIR).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((f) => {
      const src = fs.readFileSync(path.join(BROWSER_DIR, f), "utf8");
      return [
        /from "better-sqlite3"/.test(src) ? `${f}: imports better-sqlite3` : null,
        /\.prepare\(/.test(src) ? `${f}: prepares SQL by hand` : null,
        /createDatabase\([^)]*\)\.sqlite\b|\{[^}]*\bsqlite\b[^}]*\}\s*=\s*createDatabase/.test(src) ? `${f}: uses the raw SQLite handle` : null,
      ].filter((x): x is string => x !== null);
    });
    expect(offenders).toEqual([]);
  });
});
