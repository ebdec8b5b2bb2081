/**
 * Migrations are frozen in time (house style): a landed migration is never edited or removed.
 * `db/migrations/checksums.json` keeps the SHA-256 of every migration file; this test fails
 * when a listed file changed or is gone, and when a migration file is not listed yet.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const DIR = path.resolve(import.meta.dirname, "../../db/migrations");
const MANIFEST = path.join(DIR, "checksums.json");
/** The registry lists the migrations; it is not one. */
const NOT_MIGRATIONS = new Set(["index.ts", "checksums.json"]);

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(path.join(DIR, file))).digest("hex");
/** The migrations, and in postgres/ what only PostgreSQL runs or how it runs the rest (ADR 0025): frozen alike. */
const migrationFiles = () =>
  [...fs.readdirSync(DIR), ...fs.readdirSync(path.join(DIR, "postgres")).map((f) => `postgres/${f}`)]
    .filter((f) => !NOT_MIGRATIONS.has(f) && /\.(ts|js|sql)$/.test(f))
    .sort();

describe("migrations frozen in time", () => {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as Record<string, string>;

  it("every listed migration is still there, unchanged", () => {
    const changed = Object.entries(manifest)
      .filter(([file, hash]) => !fs.existsSync(path.join(DIR, file)) || sha256(file) !== hash)
      .map(([file]) => file);
    expect(
      changed,
      `These landed migrations were edited or removed: ${changed.join(", ")}. Migrations are append-only: restore the file (git checkout main -- db/migrations/<file>) and make the change in a new migration.`,
    ).toEqual([]);
  });

  it("every migration file is listed", () => {
    const missing = migrationFiles().filter((f) => !(f in manifest));
    expect(
      missing,
      `Not in db/migrations/checksums.json yet: ${missing.join(", ")}. A new migration is appended to the manifest as "<file name>": "<sha256>" (sha256sum db/migrations/<file>); once it is listed it is frozen.`,
    ).toEqual([]);
  });

  it("checks something: the manifest lists the migrations of the registry", () => {
    const registry = fs.readFileSync(path.join(DIR, "index.ts"), "utf8");
    for (const file of Object.keys(manifest)) expect(registry, file).toContain(`./${file.replace(/\.ts$/, "")}"`);
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(15);
  });
});
