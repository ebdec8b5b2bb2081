/**
 * The production server under test: built when needed, started as a child process on a free
 * loopback port against the bench database, stopped at the end.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BUILD_FILE = path.join(ROOT, "build", "index.js");

/** Builds the app (`npm run build`, production) when the build is missing or `force` is set. */
export function ensureBuild(force: boolean, log: (line: string) => void): { built: boolean; builtAt: Date } {
  const missing = !fs.existsSync(BUILD_FILE);
  if (missing || force) {
    log(missing ? "No build yet: building the app (npm run build) …" : "Building the app (npm run build) …");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["run", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (r.status !== 0) throw new Error(`npm run build failed (exit code ${r.status ?? r.signal}).`);
  }
  return { built: missing || force, builtAt: fs.statSync(BUILD_FILE).mtime };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  /** Loopback URL the load goes to, e.g. `http://127.0.0.1:41234`. */
  url: string;
  pid: number;
  /** Last lines the server wrote (for error messages). */
  output(): string;
  /** How the server ended (exit code or signal) when it is no longer running, else null. */
  exited(): string | null;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(opts: { databasePath: string; databaseUrl?: string; log: (line: string) => void; timeoutMs?: number; workers: number }): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: path.resolve(opts.databasePath),
      // PostgreSQL (`--engine postgres`): the copy of the data set; empty selects the SQLite file.
      DATABASE_URL: opts.databaseUrl ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://localhost:${port}`,
      LOG_LEVEL: "warn",
      BACKGROUND_JOBS: "false",
      WEB_CONCURRENCY: String(opts.workers),
      // No mail leaves the machine during a benchmark.
      SMTP_URL: "",
    },
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  // With LOG_LEVEL=warn the server writes only warnings and errors: worth seeing while it
  // runs, but a route failing under load must not flood the terminal.
  let shown = 0;
  const forward = (chunk: Buffer) => {
    keep(chunk);
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim() || line.includes('"level":"info"')) continue;
      shown++;
      if (shown <= 20) opts.log(`[server] ${line.slice(0, 500)}`);
      else if (shown === 21) opts.log("[server] … (further server output suppressed)");
    }
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  let exited: string | null = null;
  let stopping = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = code !== null ? `exit code ${code}` : `signal ${signal ?? "unknown"}`;
      if (!stopping) opts.log(`[server] the server process ended unexpectedly (${exited})`);
      resolve();
    }),
  );

  const stop = async () => {
    if (exited !== null) return;
    stopping = true;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 6000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) throw new Error(`The server exited (${exited}) before it answered /healthz:\n${tail}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /healthz within ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${tail}`);
    }
    await sleep(200);
  }
  return { url, pid: child.pid ?? 0, output: () => tail, exited: () => exited, stop };
}
