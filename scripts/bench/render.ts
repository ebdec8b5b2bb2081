/**
 * Server render cost per route, in process: the production build's request handler is called
 * directly (no HTTP, no compression), N times per route, and the process CPU time per call is
 * printed. For finding what a page costs to render; `npm run bench` measures the whole server.
 *
 *   npx tsx scripts/bench/render.ts [--n 200] [--rounds 1] [--role coordinator] [--full-build] [--root DIR] /path [/path …]
 *
 * A path may name its own role: `admin:/office/users`. With `--rounds K` every route is measured
 * K times, the routes taking turns, and the median and the lowest round are printed: on a machine
 * shared with other work the lowest round is the figure least disturbed by it.
 * `--full-build` hands every request to one handler with all routes (as before ADR 0027) instead
 * of the handler for the routes that could match its path, as the server does.
 * `--root DIR` measures another checkout (its build, its bench database, its installed Remix),
 * for comparing two versions side by side; it must have been built and have a bench database.
 *
 * Uses the bench database (bench-data/bench.sqlite; `npm run bench -- --fresh --list` makes it)
 * and the production build (`npm run build`); with DATABASE_URL=postgres://… the PostgreSQL copy
 * that `npm run bench -- --engine postgres` leaves behind.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { handlersByRouteSubset } from "../../app/utils/route-subsets.server";
import type { createDatabase as CreateDatabase } from "../../db/database";
import type { createLogins as CreateLogins, removeLogins as RemoveLogins } from "./dataset";

type Role = "coordinator" | "admin" | "volunteer" | "association_member";
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 1).length > 0 : false;
};
const n = Number(opt("n") ?? 200);
const rounds = Number(opt("rounds") ?? 1);
const defaultRole = opt("role") as Role | undefined;
const fullBuild = flag("full-build");
const root = path.resolve(opt("root") ?? path.join(import.meta.dirname, "..", ".."));
const routes = args.map((a) => {
  const m = /^([a-z_]+):(\/.*)$/.exec(a);
  return m ? { role: m[1] as Role, path: m[2] } : { role: defaultRole, path: a };
});
process.env.NODE_ENV = "production";
process.env.DATABASE_PATH ??= path.join(root, "bench-data", "bench.sqlite");
process.env.BACKGROUND_JOBS = "false";
process.env.LOG_LEVEL = "warn";

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
// The checkout's own Remix (another checkout may have other versions of it installed).
const { createRequestHandler } = await load<typeof import("@remix-run/node")>("node_modules/@remix-run/node/dist/index.js");
const { createDatabase } = await load<{ createDatabase: typeof CreateDatabase }>("db/database.ts");
const { createLogins, removeLogins } = await load<{ createLogins: typeof CreateLogins; removeLogins: typeof RemoveLogins }>("scripts/bench/dataset.ts");
const build = await load<ServerBuild>("build/index.js");
const full = createRequestHandler(build, "production");
const handlerFor = handlersByRouteSubset(build, (b) => createRequestHandler(b, "production"));
const handler = (request: Request, context: Parameters<typeof full>[1]) => (fullBuild ? full : handlerFor(new URL(request.url).pathname))(request, context);

// DATABASE_URL (a PostgreSQL copy made by `npm run bench -- --engine postgres`) wins, as in the app.
const dataset = createDatabase(process.env.DATABASE_URL || process.env.DATABASE_PATH!);
const roles = new Set(routes.flatMap((r) => (r.role ? [r.role] : [])));
const logins = await createLogins(dataset.db, roles);

try {
  const results = routes.map(() => ({ cpu: [] as number[], wall: [] as number[], status: 0, bytes: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, route] of routes.entries()) {
      const cookie = route.role ? logins.get(route.role)!.cookie : "";
      const call = async () => {
        const res = await handler(new Request(`http://localhost:3000${route.path}`, { headers: { cookie } }), { nonce: "bench", clientIp: "127.0.0.1" });
        return [res.status, (await res.arrayBuffer()).byteLength] as const;
      };
      for (let w = 0; w < Math.min(round === 0 ? 50 : 10, n); w++) await call();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let last: readonly [number, number] = [0, 0];
      for (let k = 0; k < n; k++) last = await call();
      const cpu = process.cpuUsage(c0);
      const r = results[i];
      r.cpu.push((cpu.user + cpu.system) / 1000 / n);
      r.wall.push((performance.now() - t0) / n);
      [r.status, r.bytes] = last;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const ms = (x: number) => x.toFixed(2).padStart(6);
  for (const [i, route] of routes.entries()) {
    const r = results[i];
    const name = `${route.role && route.role !== defaultRole ? `${route.role}:` : ""}${route.path}`;
    const spread = rounds > 1 ? `  (median of ${rounds}, lowest cpu ${ms(Math.min(...r.cpu))} ms)` : "";
    console.log(`${name.padEnd(48)} ${r.status} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  cpu ${ms(median(r.cpu))} ms  wall ${ms(median(r.wall))} ms${spread}`);
  }
} finally {
  await removeLogins(dataset.db, logins);
  await dataset.db.destroy();
}
process.exit(0);
