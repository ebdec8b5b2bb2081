/**
 * npm start: migrate, seed the demo on an empty database, build, serve, and print where.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createDatabase, databaseTarget, migrateToLatest } from "@db/database";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "@db/seed/demo";
import { loadEnvOrExit } from "./lib";

process.env.NODE_ENV ??= "production";
const env = loadEnvOrExit();

const { db } = createDatabase(databaseTarget(env));
const applied = await migrateToLatest(db);
if (applied.length) console.log(`Database ${env.DATABASE_URL ? "(PostgreSQL, DATABASE_URL)" : env.DATABASE_PATH}: applied ${applied.length} migration(s).`);
const { n } = await db.selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
let demo = false;
if (Number(n) === 0 && env.SEED_DEMO) demo = await seedDemo(db);
else demo = !!(await db.selectFrom("user").select("id").where("email", "=", DEMO_LOGINS[0].email).executeTakeFirst());
await db.destroy();

if (process.env.SKIP_BUILD !== "1") {
  console.log("Building the app …");
  const root = path.resolve(import.meta.dirname, "..");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { startServer } = await import("./serve");
await startServer(env);
console.log(`\nEhrenamt-Hub is running at ${env.BASE_URL}`);
if (demo) {
  console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(20)} ${l.email}`);
}
if (!env.SMTP_URL) console.log("No SMTP_URL set: mail stays in the outbox, readable by admins at /office/outbox.");
