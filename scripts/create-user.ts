/**
 * npm run create-user -- --role coordinator --email a@b.de --name "Vorname Name" [--password …]
 * Creates a verified account (e.g. the first office account). Without --password the
 * password is read from the environment variable NEW_USER_PASSWORD, or a random one is printed.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { createDatabase, databaseTarget, commandTransaction, migrateToLatest } from "@db/database";
import type { Role } from "@db/schema";
import { hashPassword } from "~/auth/password.server";
import { ROLES } from "~/auth/permissions";
import { argValue, loadEnvOrExit } from "./lib";

const env = loadEnvOrExit();
const Args = z.object({
  role: z.enum(ROLES as unknown as [Role, ...Role[]]),
  email: z.string().trim().toLowerCase().email(),
  name: z.string().trim().min(1).max(120),
  password: z.string().min(8).max(200),
});
const generated = randomBytes(12).toString("base64url");
const parsed = Args.safeParse({
  role: argValue("role"),
  email: argValue("email"),
  name: argValue("name") ?? "Koordinierungsstelle",
  password: argValue("password") ?? process.env.NEW_USER_PASSWORD ?? generated,
});
if (!parsed.success) {
  console.error("Usage: npm run create-user -- --role coordinator|admin|volunteer|association_member --email ADDRESS [--name NAME] [--password PASSWORD]");
  for (const i of parsed.error.issues) console.error(`  --${i.path.join(".")}: ${i.message}`);
  process.exit(1);
}
const a = parsed.data;
const { db } = createDatabase(databaseTarget(env));
await migrateToLatest(db);
const exists = await db.selectFrom("user").select("id").where("email", "=", a.email).executeTakeFirst();
if (exists) {
  console.error(`An account with ${a.email} exists already.`);
  process.exit(1);
}
const { createUser } = await import("~/modules/accounts/commands.server");
const hash = await hashPassword(a.password);
const id = await commandTransaction(db, (trx) => createUser(trx, { name: a.name, email: a.email, passwordHash: hash, locale: "de", roles: [a.role], verified: true }));
console.log(`Created ${a.role} ${a.email} (id ${id}).`);
if (a.password === generated) console.log(`Password: ${generated}  (change it after the first login)`);
await db.destroy();
