// npm run db:migrate — brings the database (DATABASE_PATH) to the latest migration.
import { createDatabase, migrateToLatest } from "@db/database";
import { loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const { db } = createDatabase(env.DATABASE_PATH);
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
await db.destroy();
