import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { createDatabase, immediateTransaction, type Database } from "@db/database";
import type { DB } from "@db/schema";
import { env } from "./env.server";

let instance: { db: Database; sqlite: SQLite.Database; file: string } | undefined;

/** The process-wide database handle (one connection; better-sqlite3 is synchronous). */
export function getDb(): Database {
  const file = env().DATABASE_PATH;
  if (!instance || instance.file !== file) {
    instance = { ...createDatabase(file), file };
  }
  return instance.db;
}

export function getSqlite(): SQLite.Database {
  getDb();
  return instance!.sqlite;
}

export async function closeDb() {
  if (instance) {
    await instance.db.destroy();
    instance = undefined;
  }
}

/** One command = one immediate transaction. */
export function transaction<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return immediateTransaction(getDb(), fn);
}

export type { Database };
