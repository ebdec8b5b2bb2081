/**
 * npm run bench — county-scale data set, production server, autocannon per route.
 *
 *   npm run bench                              reuse bench-data/bench.sqlite (generate if missing)
 *   npm run bench -- --fresh                   regenerate the data set
 *   npm run bench -- --build                   rebuild the app first (otherwise only when build/ is missing)
 *   npm run bench -- --duration 2 --routes users,users-search
 *   npm run bench -- --routes "hours: organisation, days|users"   ("|" between names where one holds a comma)
 *   npm run bench -- --out docs/benchmarks.md  also write the Markdown report (or --markdown: print it)
 *
 * Further flags: --warmup S (2), --connections 10,50, --db FILE, --seed N,
 * --workers N (server processes; default one per core, as `npm start` runs in production),
 * --list (prepare the data set, list the modules and routes, measure nothing),
 * --json FILE (also write the per-route figures as JSON, for `scripts/bench/engines.ts`, which sets
 * a SQLite run and a PostgreSQL run side by side).
 * --engine postgres: the data set (generated in SQLite as always) is copied into a PostgreSQL
 * database (recreated each run, verified per table by scripts/pg-copy.ts) and the server runs with
 * DATABASE_URL; --pg-url (default $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/ehrenamt_bench)
 * names that database. The CPU time of its PostgreSQL backends is reported per request as well.
 * Exit code 0 when every route answered 2xx throughout, 1 otherwise. Not part of `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../db/database";
import { argValue, numberArg } from "../lib";
import { redact } from "../pg-tools";
import { createLogins, prepareDataset, removeLogins, type Dataset, type Login } from "./dataset";
import { describeMachine, loadAverage, startCpuAccounting, type CpuShare } from "./machine";
import { ACCEPT_ENCODING, checkRoute, measure, type DatabaseCpu, type Figures } from "./measure";
import { FLOOR_ROUTE } from "./modules/foundation";
import { copyIntoPostgres, plannedRoutes, requestsToMeasure, routeNames, selectRoutes, type PostgresCopy } from "./plan";
import { figuresFailed, keptNotes, markdown, terminalTable, type Report, type RouteResult, type TimingResult } from "./report";
import { ensureBuild, ROOT, startServer, type RunningServer } from "./server";
import type { BenchRoute } from "./types";

const HELP =
  fs
    .readFileSync(new URL(import.meta.url), "utf8")
    .match(/\/\*\*([\s\S]*?)\*\//)?.[1]
    ?.replace(/^ \* ?/gm, "") ?? "";

function flag(name: string) {
  return process.argv.includes(`--${name}`);
}

if (flag("help") || flag("h")) {
  console.log(HELP.trim());
  process.exit(0);
}

const options = {
  fresh: flag("fresh"),
  build: flag("build"),
  duration: numberArg("duration", 10, 1, 600),
  warmup: numberArg("warmup", 2, 0, 60),
  seed: numberArg("seed", 20261121, 0, 2 ** 32 - 1),
  connections: (argValue("connections") ?? "10,50").split(",").map((c) => Number(c.trim())),
  routes: routeNames(argValue("routes")),
  db: argValue("db") ?? path.join("bench-data", "bench.sqlite"),
  out: argValue("out") ?? null,
  json: argValue("json") ?? null,
  markdown: flag("markdown"),
  workers: numberArg("workers", Math.max(1, os.availableParallelism()), 1, 64),
  engine: argValue("engine") ?? "sqlite",
  pgUrl: argValue("pg-url") ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/ehrenamt_bench",
};
if (options.engine !== "sqlite" && options.engine !== "postgres") {
  console.error(`--engine is sqlite or postgres (got ${JSON.stringify(options.engine)}).`);
  process.exit(2);
}
const onPostgres = options.engine === "postgres";
if (options.connections.some((c) => !Number.isInteger(c) || c < 1 || c > 1000)) {
  console.error("--connections takes a comma-separated list of whole numbers, e.g. 10,50.");
  process.exit(2);
}

const log = (line: string) => console.log(line);
async function main(): Promise<number> {
  const dbFile = path.resolve(ROOT, options.db);
  // In-process timings call app code, which opens the database named here.
  process.env.DATABASE_PATH = dbFile;
  if (onPostgres) process.env.DATABASE_URL = options.pgUrl;
  else delete process.env.DATABASE_URL;

  const startedAt = new Date();
  const machine = describeMachine();
  const loadStart = loadAverage();
  let maxLoad = loadStart[0];
  const loadTimer = setInterval(() => (maxLoad = Math.max(maxLoad, loadAverage()[0])), 5000);
  loadTimer.unref();

  log(`Ehrenamt-Hub benchmark — ${machine.cpuModel}, ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  log(`Load average at start: ${loadStart.map((l) => l.toFixed(2)).join(" / ")}`);
  log(`Data set: ${path.relative(ROOT, dbFile)} (seed ${options.seed})${onPostgres ? `; engine PostgreSQL (${redact(options.pgUrl)})` : "; engine SQLite"}`);

  const dataset: Dataset = await prepareDataset({ file: dbFile, fresh: options.fresh, seed: options.seed, log });

  const planned = await plannedRoutes(dataset);
  if (flag("list")) {
    for (const p of planned) log(`  ${p.route.name.padEnd(22)} ${p.route.path}${p.route.role ? ` (as ${p.route.role})` : ""}  [${p.module}]`);
    await dataset.close();
    return 0;
  }
  const selected = selectRoutes(planned, options.routes);

  // PostgreSQL: a fresh copy of the data set, verified table by table.
  let appDb: Database = dataset.db;
  let pgCopy: PostgresCopy | undefined;
  let databaseCpu: DatabaseCpu | undefined;
  if (onPostgres) {
    pgCopy = await copyIntoPostgres(dbFile, options.pgUrl, log);
    appDb = pgCopy.db;
    databaseCpu = pgCopy.databaseCpu;
  }

  const build = ensureBuild(options.build, log);
  log(`Build: build/index.js from ${build.builtAt.toISOString()}`);

  const logins: Map<string, Login> = await createLogins(
    appDb,
    selected.flatMap((p) => (p.route.role ? [p.route.role] : []))
  );

  let server: RunningServer | undefined;
  const stopAll = async () => {
    await server?.stop();
    await removeLogins(appDb, logins).catch(() => undefined);
  };
  process.once("SIGINT", () => {
    log("\nInterrupted: stopping the server.");
    void stopAll().finally(() => process.exit(130));
  });

  const results: RouteResult[] = [];
  let floorAgain: Figures | null = null;
  let cpu: CpuShare | null = null;
  try {
    log("Starting the production server …");
    server = await startServer({ databasePath: dbFile, databaseUrl: onPostgres ? options.pgUrl : undefined, log, workers: options.workers });
    log(`Server ready at ${server.url} (pid ${server.pid}).`);

    const headersFor = (route: BenchRoute): Record<string, string> => {
      const headers: Record<string, string> = { "accept-encoding": ACCEPT_ENCODING };
      if (route.role) headers.cookie = logins.get(route.role)!.cookie;
      return headers;
    };

    // Every route must answer 200 before anything is measured.
    log("\nChecking routes:");
    for (const p of selected) {
      const login = p.route.role ? logins.get(p.route.role) : undefined;
      const check = await checkRoute(server.url + p.route.path, headersFor(p.route), login?.name);
      results.push({ module: p.module, route: p.route, failure: check.ok ? null : check.reason, figures: [] });
      if (check.ok)
        log(
          `  ok      ${p.route.name.padEnd(22)} ${p.route.path}${login ? ` (as ${login.name})` : ""} — ${check.contentType.split(";")[0]}, ${(
            check.bytes / 1024
          ).toFixed(1)} KB`
        );
      else console.error(`  FAILED  ${p.route.name.padEnd(22)} ${p.route.path}: ${check.reason}`);
    }
    if (results[0].failure) throw new Error(`The floor route ${FLOOR_ROUTE.path} does not answer 200; nothing can be measured.`);

    const perRoute = options.warmup + options.duration * options.connections.length;
    const toMeasure = results.filter((r) => !r.failure);
    log(
      `\nMeasuring ${toMeasure.length} route(s) × ${options.connections.join("/")} connections × ${options.duration} s (+${
        options.warmup
      } s warm-up), about ${Math.ceil((perRoute * toMeasure.length + options.duration) / 60)} min:`
    );
    const stopCpu = startCpuAccounting(server.pid);
    let serverEnded: string | null = null;
    for (const r of toMeasure) {
      if (serverEnded) {
        r.failure = `not measured: ${serverEnded}`;
        continue;
      }
      const url = server.url + r.route.path;
      const headers = headersFor(r.route);
      const warm = options.warmup > 0 ? await measure(url, { connections: 10, duration: options.warmup, headers }) : null;
      // A heavy route (fewer than HEAVY_RESPONSES expected within the duration) is measured by a
      // number of requests instead: within a duration, the CPU of the requests still running at its
      // end weighs on few answers (on the year report at 10 connections, 10 running against ~15 answered).
      const expected = warm ? (warm.responses / options.warmup) * options.duration : Infinity;
      for (const connections of options.connections) {
        const amount = requestsToMeasure(expected, connections);
        const f = await measure(url, { connections, duration: options.duration, amount, headers, serverPid: server.pid, databaseCpu });
        const ended = server.exited();
        if (ended) {
          serverEnded = `the server ended (${ended}) while ${r.route.name} was measured at ${connections} connections`;
          break;
        }
        r.figures.push(f);
        const problems =
          f.responses === 0
            ? "  !! no response completed within the duration"
            : figuresFailed(f)
            ? `  !! non-2xx ${f.non2xx}, errors ${f.errors}, timeouts ${f.timeouts}`
            : "";
        log(
          `  ${r.route.name.padEnd(22)} ${String(connections).padStart(4)} conns  ${f.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(
            4
          )} ms  p99 ${String(f.p99).padStart(5)} ms  CPU ${f.cpuMsPerResponse === null ? "–" : f.cpuMsPerResponse.toFixed(2)} ms/req${
            f.dbCpuMsPerResponse === null ? "" : `  PostgreSQL ${f.dbCpuMsPerResponse.toFixed(2)} ms/req`
          }${f.amount ? `  (${f.amount} requests)` : ""}${problems}`
        );
      }
    }
    // The floor once more: shows how much the machine's load drifted during the run.
    const floorConnections = options.connections[0];
    if (serverEnded) console.error(`\n!! Measuring stopped: ${serverEnded}.\n${server.output()}`);
    else
      floorAgain = await measure(server.url + FLOOR_ROUTE.path, {
        connections: floorConnections,
        duration: options.duration,
        headers: headersFor(FLOOR_ROUTE),
        serverPid: server.pid,
      });
    if (floorAgain)
      log(
        `  ${"floor (again)".padEnd(22)} ${String(floorConnections).padStart(4)} conns  ${floorAgain.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${String(
          floorAgain.p50
        ).padStart(4)} ms  p99 ${String(floorAgain.p99).padStart(5)} ms`
      );
    cpu = stopCpu();
  } finally {
    log("Stopping the server.");
    await stopAll();
  }

  // In-process timings (modules that define them), with the server stopped.
  const timings: TimingResult[] = [];
  for (const status of dataset.modules) {
    if (status.state === "skipped" || !status.module.timings) continue;
    for (const t of await status.module.timings(dataset.contextFor(status.module))) {
      const iterations = t.iterations ?? 20;
      try {
        for (let i = 0; i < 2; i++) await t.run();
        const times: number[] = [];
        for (let i = 0; i < iterations; i++) {
          const t0 = performance.now();
          await t.run();
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const result = {
          module: status.module.name,
          name: t.name,
          iterations,
          medianMs: times[Math.floor(times.length / 2)],
          maxMs: times[times.length - 1],
          goal: t.goal,
        };
        timings.push(result);
        log(`  timing ${status.module.name}/${t.name}: median ${result.medianMs.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms`);
      } catch (err) {
        timings.push({
          module: status.module.name,
          name: t.name,
          iterations,
          medianMs: NaN,
          maxMs: NaN,
          goal: t.goal,
          failure: err instanceof Error ? err.message : String(err),
        });
        console.error(`  timing ${status.module.name}/${t.name} FAILED: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  await dataset.close();
  await pgCopy?.close();
  clearInterval(loadTimer);

  const report: Report = {
    startedAt,
    finishedAt: new Date(),
    machine,
    load: { start: loadStart, max1: Math.max(maxLoad, loadAverage()[0]), end: loadAverage() },
    cpu,
    dataset: { file: path.relative(ROOT, dbFile), seed: options.seed, generatedAt: dataset.now, counts: dataset.counts, modules: dataset.modules },
    settings: {
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      acceptEncoding: ACCEPT_ENCODING,
      routeFilter: options.routes,
      workers: options.workers,
      engine: onPostgres ? "postgres" : "sqlite",
    },
    build,
    floorName: FLOOR_ROUTE.name,
    results,
    floorAgain,
    timings,
  };

  log("\n" + terminalTable(report));
  if (cpu) {
    log(
      `\nCPU during the measurement: server ${Math.round(cpu.server * 100)} %, load generator ${Math.round(cpu.loadGenerator * 100)} %, ` +
        `other processes ${Math.round(cpu.others * 100)} % of ${machine.cpus} cores. Load average now ${loadAverage()
          .map((l) => l.toFixed(2))
          .join(" / ")}.`
    );
  }

  if (options.json) {
    const file = path.resolve(process.cwd(), options.json);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const routes = results.map((r) => ({
      name: r.route.name,
      path: r.route.path,
      role: r.route.role ?? "anonymous",
      failure: r.failure,
      figures: r.figures,
    }));
    fs.writeFileSync(
      file,
      JSON.stringify({ engine: report.settings.engine, workers: options.workers, duration: options.duration, load: report.load, cpu, routes }, null, 2) + "\n"
    );
    log(`Wrote ${path.relative(process.cwd(), file)}.`);
  }

  if (options.out) {
    const file = path.resolve(process.cwd(), options.out);
    const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, markdown(report, keptNotes(existing)));
    log(`\nWrote ${path.relative(process.cwd(), file)}.`);
  } else if (options.markdown) {
    log("\n" + markdown(report, null));
  }

  const failedRoutes = results.filter((r) => r.failure || r.figures.some(figuresFailed));
  const failedTimings = timings.filter((t) => t.failure);
  if (failedRoutes.length || failedTimings.length) {
    console.error(
      `\n${failedRoutes.length + failedTimings.length} route(s)/timing(s) failed: ${[
        ...failedRoutes.map((r) => r.route.name),
        ...failedTimings.map((t) => t.name),
      ].join(", ")}`
    );
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`\nBenchmark failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
);
