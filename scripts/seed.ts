// npm run db:seed — migrates and seeds the fictitious demo (idempotent).
import { createDatabase, databaseTarget, migrateToLatest } from "@db/database";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "@db/seed/demo";
import { loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const { db } = createDatabase(databaseTarget(env));
await migrateToLatest(db);
const seeded = await seedDemo(db);
console.log(seeded ? "Demo data seeded." : "Demo data already present.");
for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(20)} ${l.email} / ${DEMO_PASSWORD}`);
await db.destroy();
