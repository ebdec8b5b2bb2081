/**
 * Two checkouts measured in one process, request batches alternating between them, so that whatever
 * else the machine is doing weighs on both alike: the server CPU per request of each route in each,
 * and the median of the per-pair ratios. For the "before and after" of issue #11 (this tree against
 * the patched tree of stop 9) on a machine shared with other work, where two separate runs minutes
 * apart differ by more than the change being measured (docs/benchmarks.md, "Stop 12").
 *
 *   npx tsx scripts/bench/pair.ts --other DIR [--other-full-build] [--other-database-url URL] [--n 30] [--pairs 15] [--role coordinator] /path [role:/path …]
 *
 * A role is coordinator, admin, volunteer, association_member or anonymous (no session cookie).
 *
 * `--other-database-url postgres://…` runs the other checkout on PostgreSQL (the copy that
 * `npm run bench -- --engine postgres` leaves behind): the engines' issue (#13) compares one tree on
 * both engines, so DIR is then a second copy of this tree (`cp -al`, built), loaded as separate
 * modules. Its figure adds the PostgreSQL backends' CPU (from `/proc/<pid>/schedstat`, nanoseconds)
 * to the process's own, as the database work is in the process's CPU on SQLite.
 *
 * Each checkout uses its own production build (`npm run build`), its own installed Remix and its
 * own bench database (`npm run bench -- --fresh --list`). This tree's requests go through the route
 * subsets of ADR 0027 as the server sends them; `--other-full-build` hands the other tree's requests
 * to one handler with all routes (for a tree from before ADR 0027, as its server did).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { handlersByRouteSubset } from "../../app/utils/route-subsets.server";
import type { createDatabase as CreateDatabase } from "../../db/database";
import type { createLogins as CreateLogins, removeLogins as RemoveLogins } from "./dataset";

type Role = "coordinator" | "admin" | "volunteer" | "association_member" | "anonymous";
type Handler = (request: Request, context: { nonce: string; clientIp: string }) => Promise<Response>;

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 1).length > 0 : false;
};
const n = Number(opt("n") ?? 30);
const pairs = Number(opt("pairs") ?? 15);
const defaultRole = (opt("role") ?? "coordinator") as Role;
const otherRoot = opt("other");
const otherFull = flag("other-full-build");
const otherUrl = opt("other-database-url");
if (!otherRoot) throw new Error("--other DIR is required");
const routes = args.map((a) => {
  const m = /^([a-z_]+):(\/.*)$/.exec(a);
  return m ? { role: m[1] as Role, path: m[2] } : { role: defaultRole, path: a };
});
process.env.NODE_ENV = "production";
process.env.BACKGROUND_JOBS = "false";
process.env.LOG_LEVEL = "warn";

interface Tree {
  name: string;
  /** PostgreSQL: the CPU nanoseconds its backends have used so far (the bench database's connections). */
  backendNs?: () => Promise<number>;
  handler: Handler;
  cookies: Map<Role, string>;
  close: () => Promise<void>;
}

/** Loads one checkout: its database first (each build opens its own connection on its first request, from the environment of that moment), then warms every route. */
async function loadTree(name: string, root: string, full: boolean, databaseUrl?: string): Promise<Tree> {
  process.env.DATABASE_PATH = path.join(root, "bench-data", "bench.sqlite");
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(root, file)).href)) as T;
  const { createRequestHandler } = await load<typeof import("@remix-run/node")>("node_modules/@remix-run/node/dist/index.js");
  const { createDatabase } = await load<{ createDatabase: typeof CreateDatabase }>("db/database.ts");
  const { createLogins, removeLogins } = await load<{ createLogins: typeof CreateLogins; removeLogins: typeof RemoveLogins }>("scripts/bench/dataset.ts");
  const build = await load<ServerBuild>("build/index.js");
  const all = createRequestHandler(build, "production") as Handler;
  const bySubset = handlersByRouteSubset(build, (b) => createRequestHandler(b, "production"));
  const handler: Handler = full ? all : (request, context) => bySubset(new URL(request.url).pathname)(request, context);
  const dataset = createDatabase(databaseUrl ?? process.env.DATABASE_PATH);
  // "anonymous:/path" sends no session cookie (the public pages as a visitor sees them).
  const logins = await createLogins(dataset.db, new Set(routes.map((r) => r.role).filter((r) => r !== "anonymous")) as Set<Exclude<Role, "anonymous">>);
  const cookies = new Map([...logins.entries()].map(([role, l]) => [role as Role, l.cookie]));
  const backendNs = databaseUrl
    ? async () => {
        const { sql } = await load<typeof import("kysely")>("node_modules/kysely/dist/esm/index.js");
        const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(dataset.db);
        let total = 0;
        for (const { pid } of rows) {
          try {
            total += Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
          } catch {
            // A backend that ended meanwhile: its time is gone from both readings alike.
          }
        }
        return total;
      }
    : undefined;
  const tree: Tree = {
    name,
    backendNs,
    handler,
    cookies,
    close: async () => {
      await removeLogins(dataset.db, logins);
      await dataset.db.destroy();
    },
  };
  for (const route of routes) {
    const status = await call(tree, route, 20);
    if (status !== 200) throw new Error(`${name} ${route.path}: HTTP ${status}`);
  }
  return tree;
}

async function call(tree: Tree, route: { role: Role; path: string }, times: number): Promise<number> {
  let status = 0;
  for (let k = 0; k < times; k++) {
    const res = await tree.handler(new Request(`http://localhost:3000${route.path}`, { headers: { cookie: tree.cookies.get(route.role) ?? "" } }), { nonce: "bench", clientIp: "127.0.0.1" });
    await res.arrayBuffer();
    status = res.status;
  }
  return status;
}

async function cpuPerRequest(tree: Tree, route: { role: Role; path: string }): Promise<number> {
  const b0 = (await tree.backendNs?.()) ?? 0;
  const c0 = process.cpuUsage();
  await call(tree, route, n);
  const c = process.cpuUsage(c0);
  const b1 = (await tree.backendNs?.()) ?? 0;
  const backend = (b1 - b0) / 1e6 / n;
  if (tree.backendNs) backendMs.get(`${route.role}:${route.path}`)!.push(backend);
  return (c.user + c.system) / 1000 / n + backend;
}
/** PostgreSQL: the backends' share of the other tree's figure, per route. */
const backendMs = new Map(routes.map((r) => [`${r.role}:${r.path}`, [] as number[]]));

const other = await loadTree("other", path.resolve(otherRoot), otherFull, otherUrl);
const self = await loadTree("this", path.resolve(import.meta.dirname, "..", ".."), false);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
try {
  const results = routes.map(() => ({ other: [] as number[], self: [] as number[], ratio: [] as number[] }));
  for (let p = 0; p < pairs; p++) {
    for (const [i, route] of routes.entries()) {
      // Alternate which tree goes first, so neither always follows the other's garbage.
      const [a, b] = p % 2 ? [self, other] : [other, self];
      const ta = await cpuPerRequest(a, route);
      const tb = await cpuPerRequest(b, route);
      const [o, s] = a === other ? [ta, tb] : [tb, ta];
      results[i].other.push(o);
      results[i].self.push(s);
      results[i].ratio.push(s / o);
    }
  }
  const ms = (x: number) => x.toFixed(2).padStart(6);
  console.log(`${"route".padEnd(56)} other ms  this ms   this ÷ other (median of ${pairs} pairs, lowest–highest)`);
  for (const [i, route] of routes.entries()) {
    const r = results[i];
    const name = `${route.role}:${route.path}`;
    const backend = backendMs.get(name)!;
    const share = backend.length ? `   (other: PostgreSQL backends ${median(backend).toFixed(2)} ms of it)` : "";
    console.log(`${name.padEnd(56)} ${ms(median(r.other))}   ${ms(median(r.self))}   ${median(r.ratio).toFixed(2)}× (${Math.min(...r.ratio).toFixed(2)}–${Math.max(...r.ratio).toFixed(2)})${share}`);
  }
} finally {
  await other.close();
  await self.close();
}
process.exit(0);
