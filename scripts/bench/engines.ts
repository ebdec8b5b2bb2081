/**
 * The two engines side by side (issue #13): reads the `--json` files of `npm run bench` runs on
 * SQLite and on PostgreSQL and prints a Markdown table of the server CPU per request, route by route.
 *
 *   npm run bench -- --workers 2 --duration 4 --json bench-data/sqlite-1.json
 *   npm run bench -- --engine postgres --workers 2 --duration 4 --json bench-data/postgres-1.json
 *   npx tsx scripts/bench/engines.ts --sqlite bench-data/sqlite-1.json[,more.json] --postgres bench-data/postgres-1.json[,more.json] [--limit 1.5]
 *
 * PostgreSQL's figure is the app processes' CPU plus its backends' CPU per request (on SQLite the
 * database work is inside the app's CPU). With several runs per engine, each route and connection count
 * takes the median of the runs (the lower of two). Exit code 1 when a route measured on both engines is
 * above the limit at every connection count.
 */
import fs from "node:fs";
import { argValue } from "../lib";
import type { Figures } from "./measure";

type RunFile = {
  engine: "sqlite" | "postgres";
  routes: { name: string; path: string; role: string; failure: string | null; figures: Figures[] }[];
};

const files = (name: string) =>
  (argValue(name) ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean)
    .map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as RunFile);

const limit = Number(argValue("limit") ?? 1.5);
const sqliteRuns = files("sqlite");
const postgresRuns = files("postgres");
if (sqliteRuns.length === 0 || postgresRuns.length === 0) {
  console.error("Give --sqlite FILE[,FILE] and --postgres FILE[,FILE] (written by `npm run bench -- --json FILE`).");
  process.exit(2);
}
for (const [runs, engine] of [
  [sqliteRuns, "sqlite"],
  [postgresRuns, "postgres"],
] as const) {
  for (const run of runs) if (run.engine !== engine) throw new Error(`A --${engine} file holds a ${run.engine} run.`);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Per route and connection count: the median over the runs of CPU per request (app + database). */
function perRoute(runs: RunFile[]) {
  const out = new Map<string, { path: string; role: string; byConnections: Map<number, { app: number; db: number; total: number }> }>();
  const seen = new Map<string, Map<number, { app: number[]; db: number[]; total: number[] }>>();
  for (const run of runs) {
    for (const r of run.routes) {
      if (r.failure) continue;
      if (!out.has(r.name)) out.set(r.name, { path: r.path, role: r.role, byConnections: new Map() });
      const byConn = seen.get(r.name) ?? new Map();
      seen.set(r.name, byConn);
      for (const f of r.figures) {
        if (f.cpuMsPerResponse === null || f.responses < 20) continue;
        const entry = byConn.get(f.connections) ?? { app: [], db: [], total: [] };
        entry.app.push(f.cpuMsPerResponse);
        entry.db.push(f.dbCpuMsPerResponse ?? 0);
        entry.total.push(f.cpuMsPerResponse + (f.dbCpuMsPerResponse ?? 0));
        byConn.set(f.connections, entry);
      }
    }
  }
  for (const [name, byConn] of seen) {
    for (const [connections, e] of byConn) {
      // The run whose total is the median, so app and database figures come from the same run.
      const total = median(e.total)!;
      const i = e.total.indexOf(total);
      out.get(name)!.byConnections.set(connections, { app: e.app[i], db: e.db[i], total });
    }
  }
  return out;
}

const sqlite = perRoute(sqliteRuns);
const postgres = perRoute(postgresRuns);
const two = (n: number) => n.toFixed(2);
const lines = [
  `| route | path (role) | SQLite CPU ms/req | PostgreSQL app + database ms/req | PostgreSQL ÷ SQLite | within ${limit}× |`,
  "| --- | --- | ---: | ---: | ---: | --- |",
];
let above = 0;
let within = 0;
for (const [name, s] of sqlite) {
  const p = postgres.get(name);
  if (!p) continue;
  const connections = [...s.byConnections.keys()].filter((c) => p.byConnections.has(c)).sort((a, b) => a - b);
  if (connections.length === 0) continue;
  const cells = connections.map((c) => {
    const a = s.byConnections.get(c)!;
    const b = p.byConnections.get(c)!;
    return { c, sqlite: a.total, app: b.app, db: b.db, ratio: b.total / a.total };
  });
  const ok = cells.filter((x) => x.ratio <= limit).length;
  const verdict = ok === cells.length ? "yes" : ok === 0 ? "**no**" : "partly";
  if (ok === 0) above++;
  else within++;
  lines.push(
    `| ${name} | \`${s.path}\` (${s.role}) | ${cells.map((x) => two(x.sqlite)).join(" / ")} | ${cells
      .map((x) => `${two(x.app)} + ${two(x.db)}`)
      .join(" / ")} | ${cells.map((x) => `${x.ratio.toFixed(2)}×`).join(" / ")} | ${verdict} |`
  );
}
console.log(lines.join("\n"));
console.log(
  `\nConnections per cell: ${[...new Set([...sqlite.values()].flatMap((s) => [...s.byConnections.keys()]))].sort((a, b) => a - b).join(" / ")}. ` +
    `${within} routes within ${limit}× at one connection count or more, ${above} above at every count. ` +
    `Runs: ${sqliteRuns.length} on SQLite, ${postgresRuns.length} on PostgreSQL (median per cell).`
);
process.exit(above > 0 ? 1 : 0);
