/**
 * Runs before every integration test file: a fresh, migrated database of its own, so files never
 * share state and the database is real (never mocked): a SQLite file, or with TEST_DATABASE_URL a
 * PostgreSQL database created for the file and dropped after it (tests/setup/postgres.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { migrateToLatest } from "../../db/database";
import { closeDb, getDb } from "../../app/utils/db.server";
import { resetEnvCache } from "../../app/utils/env.server";
import { createTestPostgresDatabase, testPostgresUrl } from "./postgres";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-test-"));
process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = path.join(dir, "test.sqlite");
const postgres = testPostgresUrl() ? await createTestPostgresDatabase() : undefined;
if (postgres) process.env.DATABASE_URL = postgres.url;
else delete process.env.DATABASE_URL;
process.env.BASE_URL = "http://localhost:3000";
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "silent";
delete process.env.SMTP_URL;
// Every test posts from one IP: the anonymous-form limits are tested on their own
// (tests/integration/security/form-limits.test.ts lowers them).
process.env.FORM_MAX_PER_IP = "10000";
process.env.FORM_MAX_PER_ADDRESS = "1000";
process.env.UPLOAD_MAX_PER_IP = "10000";
resetEnvCache();
await migrateToLatest(getDb());

afterAll(async () => {
  await closeDb();
  await postgres?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});
