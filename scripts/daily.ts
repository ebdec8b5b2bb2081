// npm run daily — the daily housekeeping (the server runs it too; a day is never run twice).
// --force runs it again today.
import { runDailyJobs } from "~/modules/jobs/daily.server";
import { closeDb } from "~/utils/db.server";
import { loadEnvOrExit } from "./lib";

loadEnvOrExit();
const result = await runDailyJobs({ force: process.argv.includes("--force") });
console.log(result ? JSON.stringify(result) : "Already ran today (use --force to run again).");
await closeDb();
