/**
 * Runs before every integration test file: a fresh, migrated SQLite file of its own, so
 * files never share state and the database is real (never mocked).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { migrateToLatest } from "../../db/database";
import { closeDb, getDb } from "../../app/utils/db.server";
import { resetEnvCache } from "../../app/utils/env.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-test-"));
process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = path.join(dir, "test.sqlite");
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
  fs.rmSync(dir, { recursive: true, force: true });
});
