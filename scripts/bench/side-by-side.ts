/**
 * Both engines side by side, interleaved (issue #13): a SQLite server and a PostgreSQL server run
 * at once, each with the same number of worker processes; every route is measured on one and then
 * at once on the other, in rounds, the order turning each time. Each ratio is taken from two
 * measurements seconds apart, so whatever else slows the machine for minutes weighs on both sides
 * alike (separate runs of each engine, twelve minutes apart, differed by up to 2× on one route:
 * docs/benchmarks.md, "Stop 21").
 *
 *   npx tsx scripts/bench/side-by-side.ts [--rounds 3] [--duration 4] [--warmup 2] [--connections 10,50]
 *       [--workers 2] [--routes "name|name"] [--limit 1.5] [--json bench-data/side-by-side.json]
 *
 * Uses the bench data set (bench-data/bench.sqlite; `npm run bench -- --fresh --list` makes it),
 * copied afresh into the PostgreSQL database of --pg-url (default $BENCH_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/ehrenamt_bench), and the production build. PostgreSQL's figure
 * is the app processes' CPU plus its backends' CPU per request, as in `npm run bench`.
 *
 * For each route and connection count it prints SQLite's and PostgreSQL's CPU per request (medians
 * of the rounds), the ratio of each round, and the median of those ratios, which is the verdict.
 * Exit code 1 when a route's median ratio is above the limit at every connection count, 2 on bad
 * arguments.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { argValue, numberArg } from "../lib";
import { redact } from "../pg-tools";
import { createLogins, prepareDataset, removeLogins, type Login } from "./dataset";
import { describeMachine, loadAverage } from "./machine";
import { ACCEPT_ENCODING, checkRoute, measure, type DatabaseCpu, type Figures } from "./measure";
import { copyIntoPostgres, plannedRoutes, requestsToMeasure, routeNames, selectRoutes, type Planned } from "./plan";
import { figuresFailed } from "./report";
import { ensureBuild, ROOT, startServer, type RunningServer } from "./server";
import type { BenchRoute } from "./types";

const flag = (name: string) => process.argv.includes(`--${name}`);

if (flag("help") || flag("h")) {
  console.log(fs.readFileSync(new URL(import.meta.url), "utf8").match(/\/\*\*([\s\S]*?)\*\//)?.[1]?.replace(/^ \* ?/gm, "").trim());
  process.exit(0);
}

const options = {
  rounds: numberArg("rounds", 3, 1, 20),
  duration: numberArg("duration", 4, 1, 600),
  warmup: numberArg("warmup", 2, 0, 60),
  connections: (argValue("connections") ?? "10,50").split(",").map((c) => Number(c.trim())),
  workers: numberArg("workers", Math.max(1, os.availableParallelism()), 1, 64),
  limit: numberArg("limit", 1.5, 1, 100),
  routes: routeNames(argValue("routes")),
  db: argValue("db") ?? path.join("bench-data", "bench.sqlite"),
  json: argValue("json") ?? null,
  pgUrl: argValue("pg-url") ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/ehrenamt_bench",
};
if (options.connections.some((c) => !Number.isInteger(c) || c < 1 || c > 1000)) {
  console.error("--connections takes a comma-separated list of whole numbers, e.g. 10,50.");
  process.exit(2);
}

const log = (line: string) => console.log(line);
type EngineName = "sqlite" | "postgres";
type Side = { engine: EngineName; server: RunningServer; logins: Map<string, Login>; databaseCpu?: DatabaseCpu };
/** One measurement: a route on one engine at one connection count in one round. */
type Sample = { round: number; engine: EngineName; route: string; connections: number; figures: Figures };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** CPU per request of a sample: the app's, plus PostgreSQL's backends' on PostgreSQL. */
const total = (f: Figures) => (f.cpuMsPerResponse ?? NaN) + (f.dbCpuMsPerResponse ?? 0);

async function measureRoute(side: Side, route: BenchRoute, round: number): Promise<Sample[]> {
  const headers: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING };
  if (route.role) headers.cookie = side.logins.get(route.role)!.cookie;
  const url = side.server.url + route.path;
  const serverPid = side.server.pid;
  const warm = options.warmup > 0 ? await measure(url, { connections: 10, duration: options.warmup, headers, serverPid, databaseCpu: side.databaseCpu }) : null;
  const expected = warm ? (warm.responses / options.warmup) * options.duration : Infinity;
  const out: Sample[] = [];
  for (const connections of options.connections) {
    const amount = requestsToMeasure(expected, connections);
    const figures = await measure(url, { connections, duration: options.duration, amount, headers, serverPid, databaseCpu: side.databaseCpu });
    const ended = side.server.exited();
    if (ended) throw new Error(`The ${side.engine} server ended (${ended}) while ${route.name} was measured.\n${side.server.output()}`);
    if (figuresFailed(figures) || figures.responses === 0) throw new Error(`${route.name} on ${side.engine}: non-2xx ${figures.non2xx}, errors ${figures.errors}, timeouts ${figures.timeouts}, responses ${figures.responses}.`);
    out.push({ round, engine: side.engine, route: route.name, connections, figures });
  }
  return out;
}

async function main(): Promise<number> {
  const dbFile = path.resolve(ROOT, options.db);
  process.env.DATABASE_PATH = dbFile;
  delete process.env.DATABASE_URL;
  const machine = describeMachine();
  log(`Both engines side by side — ${machine.cpuModel}, ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  log(`Load average at start: ${loadAverage().map((l) => l.toFixed(2)).join(" / ")}`);
  const dataset = await prepareDataset({ file: dbFile, fresh: false, seed: 20261121, log });
  const selected: Planned[] = selectRoutes(await plannedRoutes(dataset), options.routes);
  const pgCopy = await copyIntoPostgres(dbFile, options.pgUrl, log);
  const build = ensureBuild(false, log);
  log(`Build: build/index.js from ${build.builtAt.toISOString()}`);
  const roles = selected.flatMap((p) => (p.route.role ? [p.route.role] : []));
  const sides: Side[] = [];
  const samples: Sample[] = [];
  // Interrupted: the servers are stopped, not left running.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      log(`\n${signal}: stopping the servers.`);
      void Promise.all(sides.map((side) => side.server.stop())).finally(() => process.exit(130));
    });
  try {
    log(`Starting the SQLite and the PostgreSQL server (${options.workers} worker processes each) …`);
    const sqliteServer = await startServer({ databasePath: dbFile, log, workers: options.workers });
    sides.push({ engine: "sqlite", server: sqliteServer, logins: await createLogins(dataset.db, roles) });
    const pgServer = await startServer({ databasePath: dbFile, databaseUrl: options.pgUrl, log, workers: options.workers });
    sides.push({ engine: "postgres", server: pgServer, logins: await createLogins(pgCopy.db, roles), databaseCpu: pgCopy.databaseCpu });
    log(`SQLite at ${sqliteServer.url}, PostgreSQL (${redact(options.pgUrl)}) at ${pgServer.url}.`);

    for (const side of sides)
      for (const p of selected) {
        const headers: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING };
        if (p.route.role) headers.cookie = side.logins.get(p.route.role)!.cookie;
        const check = await checkRoute(side.server.url + p.route.path, headers, p.route.role ? side.logins.get(p.route.role)!.name : undefined);
        if (!check.ok) throw new Error(`${p.route.name} (${p.route.path}) on ${side.engine}: ${check.reason}`);
      }
    const perRouteSeconds = 2 * (options.warmup + options.duration * options.connections.length);
    log(
      `\n${selected.length} routes × ${options.rounds} rounds × 2 engines × ${options.connections.join("/")} connections × ${options.duration} s (+${options.warmup} s warm-up), about ${Math.ceil(
        (perRouteSeconds * selected.length * options.rounds) / 60
      )} min:`
    );
    for (let round = 1; round <= options.rounds; round++) {
      for (const [i, p] of selected.entries()) {
        // The order turns with every route and round: neither engine is always measured first.
        const order = (round + i) % 2 === 0 ? [sides[0], sides[1]] : [sides[1], sides[0]];
        const got: Sample[] = [];
        for (const side of order) got.push(...(await measureRoute(side, p.route, round)));
        samples.push(...got);
        const cells = options.connections.map((c) => {
          const s = got.find((x) => x.engine === "sqlite" && x.connections === c)!;
          const q = got.find((x) => x.engine === "postgres" && x.connections === c)!;
          return `${c}: ${total(s.figures).toFixed(2)} / ${total(q.figures).toFixed(2)} ms = ${(total(q.figures) / total(s.figures)).toFixed(2)}×`;
        });
        log(`  round ${round}  ${p.route.name.padEnd(40)} ${cells.join("   ")}`);
      }
    }
  } finally {
    for (const side of sides) {
      await side.server.stop();
      await removeLogins(side.engine === "sqlite" ? dataset.db : pgCopy.db, side.logins).catch(() => undefined);
    }
    await pgCopy.close();
    await dataset.close();
  }

  // Per route and connection count: the medians of each engine, each round's ratio, and their median.
  const lines = [
    `| route | path (role) | conns | SQLite ms/req | PostgreSQL app + database ms/req | ratio per round | median ratio |`,
    "| --- | --- | ---: | ---: | ---: | --- | ---: |",
  ];
  let within = 0;
  let partly = 0;
  let above = 0;
  for (const p of selected) {
    const verdicts = options.connections.map((c) => {
      const of = (engine: EngineName) => samples.filter((x) => x.route === p.route.name && x.engine === engine && x.connections === c).sort((a, b) => a.round - b.round);
      const s = of("sqlite");
      const q = of("postgres");
      const ratios = s.map((x, k) => total(q[k].figures) / total(x.figures));
      const m = median(ratios);
      lines.push(
        `| ${p.route.name} | \`${p.route.path}\` (${p.route.role ?? "anonymous"}) | ${c} | ${median(s.map((x) => total(x.figures))).toFixed(2)} | ${median(
          q.map((x) => x.figures.cpuMsPerResponse ?? NaN)
        ).toFixed(2)} + ${median(q.map((x) => x.figures.dbCpuMsPerResponse ?? 0)).toFixed(2)} | ${ratios.map((r) => `${r.toFixed(2)}×`).join(" ")} | ${m <= options.limit ? "" : "**"}${m.toFixed(2)}×${
          m <= options.limit ? "" : "**"
        } |`
      );
      return m <= options.limit;
    });
    if (verdicts.every(Boolean)) within++;
    else if (verdicts.some(Boolean)) partly++;
    else above++;
  }
  log(`\n${lines.join("\n")}`);
  log(
    `\n${selected.length} routes, ${options.rounds} rounds, ${options.workers} worker processes per server: ${within} within ${options.limit}× at every connection count, ${partly} at some, ${above} at none (median of the per-round ratios).`
  );
  log(`Load average now: ${loadAverage().map((l) => l.toFixed(2)).join(" / ")}`);
  if (options.json) {
    const file = path.resolve(process.cwd(), options.json);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ machine, options, samples }, null, 2) + "\n");
    log(`Wrote ${path.relative(process.cwd(), file)}.`);
  }
  return above > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\nSide-by-side run failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
);
