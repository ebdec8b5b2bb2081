/**
 * The public page cache with two server processes on one database (issue #13): a write
 * acknowledged by one process is seen at once through the other's cached page, on either engine
 * (SQLite: two processes on one file; PostgreSQL: two processes with their own pools, as on two
 * machines). Each process is scripts/serve.ts's `createServer` with its page cache, over real HTTP
 * (server-worker.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Server = { child: ChildProcess; base: string };

function startServer(): Promise<Server> {
  const worker = path.resolve(import.meta.dirname, "server-worker.ts");
  // The test file's own database, on the engine the suite runs on (tests/setup/integration.ts).
  const target = process.env.DATABASE_URL || process.env.DATABASE_PATH!;
  const child = spawn(process.execPath, ["--import", "tsx", worker, target], { stdio: ["ignore", "pipe", "pipe"], cwd: path.resolve(import.meta.dirname, "../../..") });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.stderr!.on("data", (c) => (err += c));
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

async function stop(s: Server | undefined) {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once("exit", () => resolve()));
  s.child.kill("SIGTERM");
  await exited;
}

let a: Server | undefined;
let b: Server | undefined;
beforeAll(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([stop(a), stop(b)]);
});

const page = async (s: Server) => {
  const res = await fetch(`${s.base}/spenden`);
  return { status: res.status, cache: res.headers.get("x-page-cache"), body: await res.text() };
};

describe("the public page cache across two processes", () => {
  it("a write through one process is seen at once through the other's cached page", async () => {
    // A's page is cached: the second read is a hit.
    expect((await page(a!)).cache).toBe("miss");
    const cached = await page(a!);
    expect(cached.cache).toBe("hit");
    for (let round = 1; round <= 5; round++) {
      const name = `Verein Runde ${round}`;
      expect(cached.body).not.toContain(name);
      // B acknowledges the write; A's very next answer shows it (no wait, no retry).
      const write = await fetch(`${b!.base}/neu?name=${encodeURIComponent(name)}`, { method: "POST" });
      expect(write.status).toBe(200);
      const seen = await page(a!);
      expect(seen.status).toBe(200);
      expect(seen.cache).toBe("miss");
      expect(seen.body).toContain(name);
      // And cached again until the next write.
      expect((await page(a!)).cache).toBe("hit");
      // B's own cache sees it as well.
      expect((await page(b!)).body).toContain(name);
    }
  }, 60_000);
});
