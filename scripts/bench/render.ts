/**
 * Server render cost per route, in process: the production build's request handler is called
 * directly (no HTTP, no compression), N times per route, and the process CPU time per call is
 * printed. For finding what a page costs to render; `npm run bench` measures the whole server.
 *
 *   npx tsx scripts/bench/render.ts [--n 200] [--role coordinator] /path [/path …]
 *
 * Uses the bench database (bench-data/bench.sqlite; `npm run bench -- --fresh --list` makes it)
 * and the production build (`npm run build`); with DATABASE_URL=postgres://… the PostgreSQL copy
 * that `npm run bench -- --engine postgres` leaves behind.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createDatabase } from "../../db/database";
import { createLogins, removeLogins } from "./dataset";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const n = Number(opt("n") ?? 200);
const role = opt("role") as "coordinator" | "admin" | "volunteer" | "association_member" | undefined;
const root = path.resolve(import.meta.dirname, "..", "..");
process.env.NODE_ENV = "production";
process.env.DATABASE_PATH ??= path.join(root, "bench-data", "bench.sqlite");
process.env.BACKGROUND_JOBS = "false";
process.env.LOG_LEVEL = "warn";

const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
const handler = createRequestHandler(build, "production");
// DATABASE_URL (a PostgreSQL copy made by `npm run bench -- --engine postgres`) wins, as in the app.
const dataset = createDatabase(process.env.DATABASE_URL || process.env.DATABASE_PATH);
const logins = role ? await createLogins(dataset.db, [role]) : new Map();
const cookie = role ? logins.get(role)!.cookie : "";

try {
  for (const p of args) {
    const call = async () => {
      const res = await handler(new Request(`http://localhost:3000${p}`, { headers: { cookie } }), { nonce: "bench", clientIp: "127.0.0.1" });
      return [res.status, (await res.arrayBuffer()).byteLength] as const;
    };
    for (let i = 0; i < Math.min(50, n); i++) await call();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let last: readonly [number, number] = [0, 0];
    for (let i = 0; i < n; i++) last = await call();
    const cpu = process.cpuUsage(c0);
    const wall = performance.now() - t0;
    console.log(`${p.padEnd(48)} ${last[0]} ${(last[1] / 1024).toFixed(1).padStart(6)} KB  cpu ${((cpu.user + cpu.system) / 1000 / n).toFixed(2).padStart(6)} ms  wall ${(wall / n).toFixed(2).padStart(6)} ms`);
  }
} finally {
  await removeLogins(dataset.db, logins);
  await dataset.db.destroy();
}
process.exit(0);
