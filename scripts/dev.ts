// npm run dev — migrates and seeds, then runs Remix in watch mode with the same Express server.
import { spawn } from "node:child_process";
import path from "node:path";
import { createDatabase, databaseTarget, migrateToLatest } from "@db/database";
import { seedDemo } from "@db/seed/demo";
import { loadEnvOrExit } from "./lib";

process.env.NODE_ENV ??= "development";
const env = loadEnvOrExit();
const { db } = createDatabase(databaseTarget(env));
await migrateToLatest(db);
if (env.SEED_DEMO) await seedDemo(db);
await db.destroy();
const root = path.resolve(import.meta.dirname, "..");
const child = spawn(
  process.execPath,
  [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "dev", "--manual", "-c", `${process.execPath} --import tsx scripts/serve.ts`],
  { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "development" } },
);
child.on("exit", (code) => process.exit(code ?? 0));
