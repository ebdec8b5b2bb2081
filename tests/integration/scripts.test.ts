import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import { createDatabase, migrateToLatest } from "../../db/database";
import { createTestUser } from "../factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-scripts-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a script as cron or an operator would: a separate Node process with its own environment. */
function script(name: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, NODE_ENV: "test", LOG_LEVEL: "silent", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function makeDb(file: string, emails: string[]) {
  const { db } = createDatabase(file);
  await migrateToLatest(db);
  for (const email of emails) await createTestUser(db, { email });
  await db.destroy();
}
const emailsIn = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare("select email from user order by email").all() as { email: string }[]).map((r) => r.email);
  } finally {
    db.close();
  }
};

describe("backup and restore", () => {
  const live = path.join(dir, "live.sqlite");
  const backups = path.join(dir, "backups");
  let backupFile = "";

  beforeAll(async () => {
    await makeDb(live, ["alice@example.org", "bob@example.org"]);
  });

  it("backup writes a timestamped copy that passes integrity_check", () => {
    const r = script("backup", ["--dir", backups], { DATABASE_PATH: live });
    expect(r.code, r.err).toBe(0);
    const files = fs.readdirSync(backups);
    // One self-contained file (no -wal/-shm beside it).
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^ehrenamt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.sqlite$/);
    backupFile = path.join(backups, files[0]);
    expect(r.out).toContain(backupFile);
    const db = new SQLite(backupFile, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    expect(emailsIn(backupFile)).toEqual(["alice@example.org", "bob@example.org"]);
  });

  it("backup fails clearly without a database", () => {
    const r = script("backup", ["--dir", backups], { DATABASE_PATH: path.join(dir, "missing.sqlite") });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No database/);
  });

  it.each([
    ["random bytes", () => Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256))],
    ["a text file", () => Buffer.from("this is not a database\n".repeat(100))],
    ["a damaged copy of a real backup", () => {
      const b = fs.readFileSync(backupFile);
      b.fill(0x41, 4096, 8192); // overwrite the second page
      return b;
    }],
  ])("restore refuses %s and leaves the database alone", (_label, bytes) => {
    const bad = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.sqlite`);
    fs.writeFileSync(bad, bytes());
    const before = fs.readFileSync(live);
    const r = script("restore", ["--file", bad, "--yes"], { DATABASE_PATH: live });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Refusing to restore/);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
  });

  it("restore refuses a SQLite file that is not an Ehrenamt-Hub database", () => {
    const other = path.join(dir, "other.sqlite");
    const db = new SQLite(other);
    db.exec("create table notes (x text)");
    db.close();
    const r = script("restore", ["--file", other, "--yes"], { DATABASE_PATH: live });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not an Ehrenamt-Hub database/);
  });

  it("restore without --yes only checks", () => {
    const r = script("restore", ["--file", backupFile], { DATABASE_PATH: live });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--yes/);
  });

  it("restore without --file explains its usage", () => {
    const r = script("restore", [], { DATABASE_PATH: live });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Usage/);
  });

  it("restore --yes replaces the database and keeps the old one", async () => {
    // A change after the backup that the restore will undo.
    const { db } = createDatabase(live);
    await createTestUser(db, { email: "carol@example.org" });
    await db.destroy();
    expect(emailsIn(live)).toContain("carol@example.org");

    const r = script("restore", ["--file", backupFile, "--yes"], { DATABASE_PATH: live });
    expect(r.code, r.err).toBe(0);
    expect(emailsIn(live)).toEqual(["alice@example.org", "bob@example.org"]);
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith("live.sqlite.before-restore-") && !f.endsWith("-wal") && !f.endsWith("-shm"));
    expect(kept).toHaveLength(1);
    expect(emailsIn(path.join(dir, kept[0]))).toEqual(["alice@example.org", "bob@example.org", "carol@example.org"]);
  });

  it("keeps the old database complete even when its last writes are still in the WAL (crashed server)", async () => {
    const crashed = path.join(dir, "crashed.sqlite");
    await makeDb(path.join(dir, "tmp-source.sqlite"), ["dave@example.org"]);
    // Simulate a server that died with writes not yet checkpointed: copy the files while open.
    const open = new SQLite(path.join(dir, "tmp-source.sqlite"));
    open.pragma("wal_autocheckpoint = 0");
    open.prepare("update user set name = 'Written Before Crash' where email = 'dave@example.org'").run();
    fs.copyFileSync(path.join(dir, "tmp-source.sqlite"), crashed);
    fs.copyFileSync(path.join(dir, "tmp-source.sqlite-wal"), `${crashed}-wal`);
    open.close();

    const r = script("restore", ["--file", backupFile, "--yes"], { DATABASE_PATH: crashed });
    expect(r.code, r.err).toBe(0);
    const kept = fs.readdirSync(dir).find((f) => f.startsWith("crashed.sqlite.before-restore-") && !f.endsWith("-wal") && !f.endsWith("-shm"))!;
    const db = new SQLite(path.join(dir, kept));
    expect(db.prepare("select name from user where email = 'dave@example.org'").get()).toEqual({ name: "Written Before Crash" });
    db.close();
    expect(emailsIn(crashed)).toEqual(["alice@example.org", "bob@example.org"]);
  });
});

describe("create-user", () => {
  const file = path.join(dir, "users.sqlite");

  it("creates a verified coordinator that can log in", async () => {
    const r = script("create-user", ["--role", "coordinator", "--email", "Office@Example.org", "--name", "Olga Office", "--password", "sicheres passwort"], { DATABASE_PATH: file });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Created coordinator office@example\.org/);
    expect(r.out).not.toMatch(/Password:/);
    const db = new SQLite(file, { readonly: true });
    const user = db.prepare("select id, name, email, email_verified_at, password_hash from user where email = ?").get("office@example.org") as Record<string, string>;
    const roles = db.prepare("select role from user_role where user_id = ?").all(user.id);
    db.close();
    expect(user.name).toBe("Olga Office");
    expect(user.email_verified_at).not.toBeNull();
    expect(roles).toEqual([{ role: "coordinator" }]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.password_hash, "sicheres passwort")).toBe(true);
  });

  it("prints a generated password when none is given", () => {
    const r = script("create-user", ["--role", "admin", "--email", "admin2@example.org"], { DATABASE_PATH: file });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Password: \S{12,}/);
  });

  it.each([
    ["no e-mail", ["--role", "coordinator"]],
    ["a bad e-mail", ["--role", "coordinator", "--email", "not-an-address"]],
    ["an unknown role", ["--role", "superuser", "--email", "x@example.org"]],
    ["no role", ["--email", "y@example.org"]],
    ["a short password", ["--role", "coordinator", "--email", "z@example.org", "--password", "short"]],
    ["an existing address", ["--role", "coordinator", "--email", "office@example.org", "--password", "sicheres passwort"]],
  ])("exits 1 for %s and creates nobody", (_label, args) => {
    const before = fs.existsSync(file) ? emailsIn(file) : [];
    const r = script("create-user", args, { DATABASE_PATH: file });
    expect(r.code).toBe(1);
    expect(r.err.length).toBeGreaterThan(0);
    expect(fs.existsSync(file) ? emailsIn(file) : []).toEqual(before);
  });

  it("stops with a clear message on a wrong environment value", () => {
    const r = script("create-user", ["--role", "coordinator", "--email", "env@example.org"], { DATABASE_PATH: file, PORT: "not-a-port" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PORT="not-a-port"/);
  });
});
