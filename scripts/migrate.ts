// npm run db:migrate — brings the database (DATABASE_URL, else DATABASE_PATH) to the latest migration.
import { createDatabase, databaseTarget, migrateToLatest } from "@db/database";
import { loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const { db } = createDatabase(databaseTarget(env));
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
await db.destroy();
