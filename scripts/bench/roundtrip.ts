/**
 * The app process's CPU per query on each engine: the same small indexed select through Kysely,
 * N times, one after another (as a page's loaders run them), on the bench database (SQLite file and,
 * with --pg URL, its PostgreSQL copy). Shows what a round trip costs the app, apart from any plan.
 *
 *   npx tsx scripts/bench/roundtrip.ts [--n 3000] [--pg postgres://postgres@127.0.0.1:5432/ehrenamt_bench]
 */
import path from "node:path";
import { createDatabase } from "../../db/database";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const n = Number(opt("n") ?? 3000);
const pgUrl = opt("pg");

async function measure(label: string, target: string) {
  const { db } = createDatabase(target);
  const once = () => db.selectFrom("district").select(["id", "name"]).where("id", "=", 2).executeTakeFirst();
  for (let i = 0; i < 300; i++) await once();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await once();
  const c = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  console.log(`${label.padEnd(10)} app CPU ${(((c.user + c.system) / 1000 / n) * 1000).toFixed(1).padStart(6)} µs/query   wall ${((wall / n) * 1000).toFixed(1).padStart(6)} µs/query`);
  await db.destroy();
}

await measure("SQLite", path.resolve(import.meta.dirname, "..", "..", "bench-data", "bench.sqlite"));
if (pgUrl) await measure("PostgreSQL", pgUrl);
