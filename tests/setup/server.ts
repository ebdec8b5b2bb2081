/**
 * Starts the production server (`scripts/serve.ts` on the production build) for one browser
 * test file: a free port, a migrated + demo-seeded SQLite file in a temp dir (or, on PostgreSQL,
 * a database of its own on the TEST_DATABASE_URL server, dropped on stop), and a real loopback
 * SMTP server that the outbox delivers to. Call `startTestServer()` in `beforeAll` and `stop()`
 * in `afterAll`.
 *
 * The engine: `TEST_BROWSER_ENGINE=postgres` (with TEST_DATABASE_URL) puts every browser test's
 * server on PostgreSQL; unset or `sqlite`, on a SQLite file. The tests reach the server's database
 * only through Kysely (`createDatabase(server.databasePath)`), so they run alike on both.
 *
 * The build itself is never made here: `npm run test:browser` builds with NODE_ENV=production
 * first (a build from inside Vitest would inherit NODE_ENV=test and emit dev JSX).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateToLatest } from "../../db/database";
import { engineOfUrl, type Engine } from "../../db/dialect";
import { seedDemo } from "../../db/seed/demo";
import { browserTestEngine, createTestPostgresDatabase } from "./postgres";
import { startSmtp } from "./smtp";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BUILD = path.join(ROOT, "build", "index.js");

export type TestServer = {
  /** `http://localhost:<port>` — "localhost", so cookies behave as on a real origin. */
  baseUrl: string;
  port: number;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  /** The server's database: a SQLite file, or a postgres:// URL (`createDatabase` takes either). */
  databasePath: string;
  /** What the server wrote to stdout/stderr (for failure messages). */
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code once the process has ended; leaves the database and the SMTP server (stop() removes them). */
  terminate: () => Promise<number | null>;
  stop: () => Promise<void>;
};

/** The server reports the port it was given (PORT=0 would read as 0), so a free port is picked first. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, ms: number) {
  const start = Date.now();
  let last = "";
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (code ${child.exitCode}, signal ${child.signalCode}) before ${url} answered:\n${output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() - start > ms) throw new Error(`server not healthy within ${ms} ms (${last}):\n${output()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * `env` overrides the server's environment; `smtpFailFirst` makes the SMTP server refuse that
 * many messages first (451), e.g. with OUTBOX_MAX_ATTEMPTS=1 to get a failed outbox message.
 * `databasePath` starts a further server process on an existing (migrated) database (a file, or a
 * postgres:// URL), e.g. the one of another test server: nothing is migrated or seeded, and
 * `stop()` leaves the database. `engine` chooses the engine of a new server's database; without
 * it, `TEST_BROWSER_ENGINE` does (`browserTestEngine()`).
 */
export async function startTestServer(opts: { env?: Record<string, string>; smtpFailFirst?: number; smtpHold?: boolean; databasePath?: string; engine?: Engine } = {}): Promise<TestServer> {
  if (!fs.existsSync(BUILD)) throw new Error(`no production build at ${BUILD}: run \`npm run build\` first (npm run test:browser does)`);

  // Only a directory (or a PostgreSQL database) made here is removed again on stop.
  const dir = opts.databasePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), "eh-browser-"));
  const engine = opts.engine ?? browserTestEngine();
  const postgres = !opts.databasePath && engine === "postgres" ? await createTestPostgresDatabase("eh_browser") : undefined;
  const databasePath = opts.databasePath ?? postgres?.url ?? path.join(dir!, "ehrenamt.sqlite");
  const onPostgres = engineOfUrl(databasePath) === "postgres";
  if (opts.databasePath && !onPostgres && !fs.existsSync(opts.databasePath)) throw new Error(`no database at ${opts.databasePath}`);
  if (!opts.databasePath) {
    const { db } = createDatabase(databasePath);
    try {
      await migrateToLatest(db);
      await seedDemo(db);
    } finally {
      await db.destroy();
    }
  }

  const smtp = await startSmtp({ failFirst: opts.smtpFailFirst ?? 0, hold: opts.smtpHold });
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;

  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: {
      // One process per test server (tests that need two start two servers on one file).
      WEB_CONCURRENCY: "1",
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: baseUrl,
      // One of the two: the SQLite file, or the PostgreSQL database (DATABASE_URL wins when set).
      DATABASE_PATH: onPostgres ? path.join(os.tmpdir(), "eh-unused.sqlite") : databasePath,
      DATABASE_URL: onPostgres ? databasePath : "",
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: "200",
      COOKIE_SECURE: "false",
      LOG_LEVEL: "warn",
      BACKGROUND_JOBS: "true",
      // Every test posts from 127.0.0.1: the anonymous-form limits are tested on their own.
      FORM_MAX_PER_IP: "10000",
      FORM_MAX_PER_ADDRESS: "1000",
      UPLOAD_MAX_PER_IP: "10000",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const output = () => log;

  const terminate = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    return child.exitCode;
  };
  const stop = async () => {
    await terminate();
    await smtp.close();
    await postgres?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(`${baseUrl}/healthz`, child, output, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, port, smtp, databasePath, output, terminate, stop };
}
