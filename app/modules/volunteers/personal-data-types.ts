import type { Kysely } from "kysely";
import type { DB } from "@db/schema";

/** What a module contributes to DSGVO Art. 15/17 (`personal-data.server.ts` runs them): its own file, so a module does not import the registry that imports it. */
/** `lang`: the reader's language, for what the database holds in several (a donation category's name). */
export type PersonalDataExporter = { name: string; run: (trx: Kysely<DB>, userId: string, lang: string) => Promise<Record<string, unknown>> };
export type PersonalDataEraser = { name: string; run: (trx: Kysely<DB>, userId: string, now: Date) => Promise<void> };
