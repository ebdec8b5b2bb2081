/** The results as a terminal table and as the Markdown of docs/benchmarks.md. */
import type { CpuShare, Machine } from "./machine";
import type { Figures } from "./measure";
import type { ModuleStatus } from "./dataset";
import { ISSUE_GOALS, type IssueGoal } from "./goals";
import type { BenchGoal, BenchRoute } from "./types";

export type RouteResult = {
  module: string;
  route: BenchRoute;
  /** null when the route did not answer 200 before measuring (then it was not measured). */
  failure: string | null;
  figures: Figures[];
};

export type TimingResult = {
  module: string;
  name: string;
  iterations: number;
  medianMs: number;
  maxMs: number;
  goal?: { maxMs: number; source?: string };
  failure?: string;
};

export type Report = {
  startedAt: Date;
  finishedAt: Date;
  machine: Machine;
  load: { start: number[]; max1: number; end: number[] };
  cpu: CpuShare | null;
  dataset: { file: string; seed: number; generatedAt: Date; counts: Record<string, number>; modules: ModuleStatus[] };
  settings: { duration: number; warmup: number; connections: number[]; acceptEncoding: string; routeFilter: string[] | null; workers: number; engine?: "sqlite" | "postgres" };
  build: { builtAt: Date; built: boolean };
  floorName: string;
  results: RouteResult[];
  floorAgain: Figures | null;
  timings: TimingResult[];
};

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const ms = (n: number) => (n >= 10 ? fmt(n, 0) : fmt(n, 1));

export function floorFigures(report: Report, connections: number): Figures | undefined {
  return report.results.find((r) => r.route.name === report.floorName)?.figures.find((f) => f.connections === connections);
}

function ratio(report: Report, f: Figures): string {
  const floor = floorFigures(report, f.connections);
  return floor && floor.reqPerSec > 0 ? `${fmt(f.reqPerSec / floor.reqPerSec, 2)}×` : "–";
}

/** A measured route failed when it answered anything but 2xx, or not at all, under load. */
export function figuresFailed(f: Figures): boolean {
  return f.responses === 0 || f.non2xx > 0 || f.errors > 0 || f.timeouts > 0;
}

export function goalVerdict(goal: BenchGoal, figures: Figures[]): { met: boolean | null; text: string } {
  const at = goal.connections ?? 10;
  const f = figures.find((x) => x.connections === at);
  const wanted = [goal.maxP99Ms !== undefined ? `p99 < ${goal.maxP99Ms} ms` : null, goal.minReqPerSec !== undefined ? `≥ ${goal.minReqPerSec} req/s` : null]
    .filter(Boolean)
    .join(", ");
  if (!f) return { met: null, text: `${wanted} at ${at} connections: not measured at ${at} connections` };
  const okP99 = goal.maxP99Ms === undefined || f.p99 < goal.maxP99Ms;
  const okRps = goal.minReqPerSec === undefined || f.reqPerSec >= goal.minReqPerSec;
  return { met: okP99 && okRps, text: `${wanted} at ${at} connections: measured p99 ${ms(f.p99)} ms, ${fmt(f.reqPerSec)} req/s` };
}

type Row = string[];

/** Every (route, goal) pair: goals routes carry themselves, and the issues' goals matched by path. */
function goalChecks(report: Report): Array<{ result: RouteResult; goal: BenchGoal; issueGoal?: IssueGoal }> {
  const out: Array<{ result: RouteResult; goal: BenchGoal; issueGoal?: IssueGoal }> = [];
  for (const result of report.results) {
    if (result.route.goal) out.push({ result, goal: result.route.goal });
    for (const g of ISSUE_GOALS) {
      if (g.check && g.module === result.module && g.check.path.test(result.route.path)) out.push({ result, goal: g.check.goal, issueGoal: g });
    }
  }
  return out;
}

function resultRows(report: Report): Row[] {
  const rows: Row[] = [];
  for (const r of report.results) {
    const who = r.route.role ?? "anonymous";
    if (r.failure) {
      rows.push([r.route.name, r.route.path, who, "–", "FAILED", "–", "–", "–", "–", "–", "–"]);
      continue;
    }
    for (const f of r.figures) {
      if (f.responses === 0) {
        rows.push([r.route.name, r.route.path, who, String(f.connections), "0", "–", "–", "no response in time", "–", "–", "–"]);
        continue;
      }
      const bad = f.errors + f.timeouts;
      rows.push([
        r.route.name,
        r.route.path,
        who,
        String(f.connections),
        fmt(f.reqPerSec),
        ms(f.p50),
        ms(f.p99),
        bad ? `${f.non2xx} (+${bad} errors)` : String(f.non2xx),
        ratio(report, f),
        f.cpuMsPerResponse === null ? "–" : ms(f.cpuMsPerResponse),
        fmt(f.bytesPerResponse / 1024, 1),
      ]);
    }
  }
  return rows;
}

const HEADER = ["route", "path", "logged in as", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx", "× floor", "CPU ms/req", "KB/resp"];
const NUMERIC = new Set([3, 4, 5, 6, 7, 8, 9, 10]);

export function terminalTable(report: Report): string {
  const rows = [HEADER, ...resultRows(report)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: Row) => r.map((c, i) => (NUMERIC.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

function mdTable(header: Row, rows: Row[], numeric = new Set<number>()): string {
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `| ${header.map((_, i) => (numeric.has(i) ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The marker after which hand-written notes are kept when the file is regenerated. */
export const NOTES_MARKER = "<!-- Notes below this line are kept when the file is regenerated. -->";

export function markdown(report: Report, notes: string | null): string {
  const { machine, dataset, settings, cpu } = report;
  const out: string[] = [];
  const date = report.startedAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  out.push("# Benchmarks", "");
  out.push(
    `Generated by \`npm run bench -- --out docs/benchmarks.md\` on ${date}. The harness lives in \`scripts/bench/\`; ` +
      "each module adds its data and routes in `scripts/bench/modules/` (see `scripts/bench/types.ts`). " +
      "Figures from a shared development machine are indications, not guarantees: compare ratios to the floor route more than absolute numbers.",
    "",
  );

  out.push("## Machine", "");
  out.push(
    mdTable(
      ["what", "value"],
      [
        ["CPU", `${machine.cpuModel}, ${machine.cpus} cores (nproc)`],
        ["Memory", `${machine.memoryGiB} GiB`],
        ["Node.js", machine.node],
        ["OS", machine.os],
      ],
    ),
    "",
  );

  out.push("## Method", "");
  const modules = dataset.modules.map((m) =>
    m.state === "skipped" ? `${m.module.name} (skipped: tables ${m.missingTables?.join(", ")} not there yet)` : `${m.module.name}`,
  );
  out.push(
    `- **Data set**: its own SQLite database (\`${dataset.file}\`, migrated to the latest schema${
      settings.engine === "postgres" ? "; copied for this run into a fresh PostgreSQL database and verified per table, which the server used" : ""
    }), generated with a seeded PRNG ` +
      `(mulberry32, seed ${dataset.seed}; fictitious names only; generated ${dataset.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC). Modules: ${modules.join("; ")}. ` +
      "All generated accounts share one precomputed argon2id hash. The county scale issue 2 asks for: 10,000 volunteers, 5,000 households, " +
      "50,000 donation offers, 20,000 bookings, 200 associations — each module adds its part once its tables exist. Rows per table in this run:",
    "",
  );
  const counts = Object.entries(dataset.counts).filter(([, n]) => n > 0);
  out.push(mdTable(["table", "rows"], counts.map(([t, n]) => [t, n.toLocaleString("en-US")]), new Set([1])), "");
  out.push(
    `- **Server**: the production build (\`NODE_ENV=production\`, built ${report.build.builtAt.toISOString().slice(0, 16).replace("T", " ")} UTC), ` +
      `\`node --import tsx scripts/serve.ts\` with \`WEB_CONCURRENCY=${settings.workers}\` (${settings.workers === 1 ? "one Node process" : `a cluster of ${settings.workers} worker processes sharing the port, as \`npm start\` runs by default on this machine`}; Express + Remix, compression on, ${settings.engine === "postgres" ? "PostgreSQL (`DATABASE_URL`)" : "SQLite in WAL mode"}, the public page cache of ADR 0012 on), ` +
      "`LOG_LEVEL=warn`, `BACKGROUND_JOBS=false`, listening on 127.0.0.1 only.",
    `- **Load**: autocannon 9 (programmatic API) in the harness process on the same machine; HTTP/1.1 keep-alive, no pipelining, ` +
      `\`Accept-Encoding: ${settings.acceptEncoding}\` (as browsers send it, so pages are compressed). ` +
      `Per route: one plain request must answer 200 (logged-in pages must show the user's name), then ${settings.warmup} s warm-up at 10 connections (discarded), ` +
      `then ${settings.connections.join(" and ")} connections for ${settings.duration} s each. req/s is autocannon's mean of per-second samples; p50/p99 are response latencies.`,
    "- **Logged in**: for each role a session row is written directly into the bench database for the demo user of that role " +
      "(koordination@, admin@, ehrenamt@, verein@example.org) and sent as the `eh_session` cookie; the rows are removed afterwards.",
    `- **Floor route**: \`${report.results.find((r) => r.route.name === report.floorName)?.route.path ?? "/datenschutz"}\` — the same app shell with a static page and no data of its own. ` +
      "“× floor” is a route's req/s divided by the floor's req/s at the same connection count; `floor-coordinator` is the same page logged in (the session lookup's cost).",
    "- **CPU ms/req**: the server's CPU time (user + system of the server process and its worker processes, from `/proc/<pid>/stat`) during the run divided by the responses — " +
      "the figure least disturbed by other work on the machine; 1000 ÷ CPU ms/req is roughly the req/s one otherwise idle core could serve (each Node process serves on one thread). " +
      "KB/resp is what went over the wire per response (gzip).",
  );
  if (settings.routeFilter) out.push(`- **Routes**: only ${settings.routeFilter.join(", ")} (and the floor) were measured in this run.`);
  // Honest about the machine: other agents and builds may have competed for the two cores.
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  let machineLine =
    `- **Other load on the machine**: load average (1/5/15 min) ${load(report.load.start)} at the start, ${load(report.load.end)} at the end, ` +
    `highest 1-minute value ${report.load.max1.toFixed(2)} during the run (${machine.cpus} cores).`;
  if (cpu) {
    machineLine +=
      ` During the measurement (${Math.round(cpu.seconds)} s) the cores were ${pct(cpu.machineBusy)} busy: the server ${pct(cpu.server)}, ` +
      `the load generator ${pct(cpu.loadGenerator)}, other processes ${pct(cpu.others)} of the machine's CPU time.`;
    machineLine +=
      cpu.others >= 0.1
        ? " **Other processes (other agents' builds and tests) were using the CPU during this run, so the absolute figures are lower and noisier than on an idle machine.**"
        : " Other processes used little CPU during this run.";
  }
  out.push(machineLine);
  if (report.floorAgain) {
    const first = floorFigures(report, report.floorAgain.connections);
    if (first) {
      out.push(
        `- **Drift**: the floor, measured again at the end at ${report.floorAgain.connections} connections, gave ${fmt(report.floorAgain.reqPerSec)} req/s ` +
          `(p99 ${ms(report.floorAgain.p99)} ms) against ${fmt(first.reqPerSec)} req/s (p99 ${ms(first.p99)} ms) at the start.`,
      );
    }
  }
  out.push("");

  out.push("## Results", "");
  out.push(mdTable(HEADER, resultRows(report), NUMERIC), "");
  const failed = report.results.filter((r) => r.failure);
  if (failed.length) {
    out.push("Routes not measured:", "");
    for (const r of failed) out.push(`- \`${r.route.name}\` (${r.route.path}): ${r.failure}`);
    out.push("");
  }

  if (report.timings.length) {
    out.push("## In-process timings", "");
    out.push(
      mdTable(
        ["module", "timing", "runs", "median ms", "max ms", "goal"],
        report.timings.map((t) =>
          t.failure
            ? [t.module, t.name, "–", "FAILED", "–", t.failure]
            : [t.module, t.name, String(t.iterations), ms(t.medianMs), ms(t.maxMs), t.goal ? `< ${t.goal.maxMs} ms: ${t.medianMs < t.goal.maxMs ? "met" : "missed"}` : ""],
        ),
        new Set([2, 3, 4]),
      ),
      "",
    );
  }

  out.push("## Goals from the issues", "");
  const goalRows: Row[] = [];
  for (const g of ISSUE_GOALS) {
    const status = dataset.modules.find((m) => m.module.name === g.module);
    let verdict: string;
    if (!status) verdict = "module not built yet";
    else if (status.state === "skipped") verdict = `module not built yet (tables ${status.missingTables?.join(", ")} missing)`;
    else if (g.check) {
      const mine = goalChecks(report).filter((c) => c.issueGoal === g);
      const verdicts = mine.map((c) => (c.result.failure ? false : goalVerdict(c.goal, c.result.figures).met));
      verdict = !mine.length
        ? "no matching route measured in this run"
        : verdicts.every((v) => v === true)
          ? `met by all ${mine.length} route(s)`
          : `**missed** by ${verdicts.filter((v) => v === false).length} of ${mine.length} route(s)`;
    } else {
      const own = report.results.some((r) => r.module === g.module && r.route.goal) || report.timings.some((t) => t.module === g.module && t.goal);
      verdict = own ? "see the goal checks below" : "module built; its routes carry no `goal` yet";
    }
    goalRows.push([`#${g.issue}`, g.module, g.text, verdict]);
  }
  out.push(mdTable(["issue", "module", "goal", "status"], goalRows), "");
  const checks = goalChecks(report);
  if (checks.length) {
    out.push("Goal checks per route:", "");
    out.push(
      mdTable(
        ["route", "goal", "met"],
        checks.map(({ result: r, goal }) => {
          const v = r.failure ? { met: false, text: "route failed" } : goalVerdict(goal, r.figures);
          return [r.route.name, `${goal.source ? `${goal.source}: ` : ""}${v.text}`, v.met === null ? "–" : v.met ? "yes" : "**no**"];
        }),
      ),
      "",
    );
  }

  out.push(NOTES_MARKER, "");
  if (notes?.trim()) out.push(notes.trim(), "");
  return out.join("\n");
}

/** The hand-written part of an existing docs/benchmarks.md (after the marker), if any. */
export function keptNotes(existing: string | null): string | null {
  if (!existing) return null;
  const i = existing.indexOf(NOTES_MARKER);
  return i < 0 ? null : existing.slice(i + NOTES_MARKER.length);
}
