/**
 * The HTTP server: Express + the Remix build, with compression, security headers (CSP with
 * a per-request nonce), a same-origin check on every mutating request, body size limits,
 * static assets with long caching, structured request logs and a graceful shutdown.
 * Used by `npm start` (after migrate/seed/build), `npm run serve`, `npm run dev` and the tests.
 */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler as createExpressHandler } from "@remix-run/express";
import { broadcastDevReady, createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import SQLite from "better-sqlite3";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { Kysely, SqliteDialect } from "kysely";
import pg from "pg";
import { POSTGRES_SCOPE_VERSIONS, readScopeVersions } from "@db/cache-scopes";
import { databaseTarget } from "@db/database";
import { engineOfUrl } from "@db/dialect";
import { EnvError, parseEnv, type Env } from "~/utils/env.server";
import { handlersByRouteSubset } from "~/utils/route-subsets.server";
import { withAppErrors } from "~/utils/http-errors.server";
import { acceptsGzip, cacheKeyFor, etagMatches, PageCache, type CacheRequest, type RenderedPage } from "~/utils/page-cache.server";
import { freshSharedRead } from "~/utils/fresh-read";
import { stopBackgroundJobs } from "~/modules/jobs/stop";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD_PATH = path.join(ROOT, "build", "index.js");

/** The Content-Security-Policy: scripts only from this origin or with these sources (a nonce or hashes). */
export function contentSecurityPolicy(env: Env, scriptSources: string[]): string {
  const dev = env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(" "),
    // Mantine sets CSS variables in style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws://localhost:* ws://127.0.0.1:*" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(env, [`'nonce-${nonce}'`]));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if (env.BASE_URL.startsWith("https://")) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The path a refused request is answered from: the app's translated error page with status 403 (app/routes/$.tsx). */
export const REFUSED_PATH = "/_refused";

/**
 * CSRF defence on top of SameSite=Lax cookies, and the only one that decides: a mutating request
 * whose Origin is neither BASE_URL's nor the request's own (`null` included), or, without an
 * Origin, whose Sec-Fetch-Site names another site, is refused. The refusal is the app's error
 * page in the visitor's language with status 403: the request goes on as a GET of
 * `REFUSED_PATH`, marked refused in the load context, and its body is never read.
 *
 * An accepted request loses its Origin header: Remix repeats the check on its own, comparing
 * Origin only with Host or X-Forwarded-Host, and would abort a request behind a reverse proxy
 * (Origin = BASE_URL, Host = the proxy's upstream) with an unhandled 500 (issue #12, item 4).
 */
export function sameOriginCheck(env: Env) {
  const allowed = new Set([new URL(env.BASE_URL).origin]);
  const refuse = (req: Request, res: Response, next: NextFunction) => {
    res.locals.refused = true;
    req.method = "GET";
    req.url = req.originalUrl = REFUSED_PATH;
    delete req.headers.origin;
    next();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    const origin = req.get("origin");
    if (origin !== undefined) {
      const own = `${req.protocol}://${req.get("host")}`;
      if (origin === "null" || (!allowed.has(origin) && origin !== own)) return refuse(req, res, next);
      delete req.headers.origin;
      return next();
    }
    const site = req.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return refuse(req, res, next);
    next();
  };
}

/** Forms that take photos (donation offers, room photos) may send larger bodies; each route still limits every file. */
const UPLOAD_PATHS = [/^\/spenden\/anbieten\/?$/, /^\/spenden\/angebot\/[A-Za-z0-9_-]+\/?$/, /^\/office\/rooms\/\d+\/photos\/?$/];

export function bodyLimit(env: Env) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    const length = req.get("content-length");
    // A refused body is not read: the connection is closed after the answer.
    if (length === undefined && req.get("transfer-encoding")) return res.status(411).set("Connection", "close").type("text/plain").send("Length Required");
    const limit = UPLOAD_PATHS.some((p) => p.test(req.path)) ? env.UPLOAD_BODY_LIMIT_BYTES : env.BODY_LIMIT_BYTES;
    if (length !== undefined && Number(length) > limit) return res.status(413).set("Connection", "close").type("text/plain").send("Payload Too Large");
    next();
  };
}

async function loadBuild(): Promise<ServerBuild> {
  const stamp = fs.statSync(BUILD_PATH).mtimeMs;
  // AppErrors thrown by loaders and actions are answered with their status (ADR 0020).
  return withAppErrors((await import(`${pathToFileURL(BUILD_PATH).href}?t=${stamp}`)) as ServerBuild);
}

/**
 * The cache scope versions (db/cache-scopes.ts), read from the database on every call, on either
 * engine, through a connection of the page cache's own (the app's connections live in the build):
 * on SQLite a read-only one on the file (it never creates the file), on PostgreSQL one client that
 * prepares the query once (a named statement, without the query builder: the read costs the app
 * process 87 instead of 173 µs and the backend 107 instead of 152 µs, bench stop 17; the callers
 * share reads through `freshSharedRead`, so one connection is enough).
 * A process thus sees at once what another process (on another machine too) committed. When the
 * versions cannot be read (no database or no `cache_scope` table yet, PostgreSQL unreachable) the
 * answer is null: nothing is served from the cache (ADR 0019), and the next call connects anew.
 */
export function scopeVersionReader(env: Pick<Env, "DATABASE_URL" | "DATABASE_PATH">): () => Promise<Map<string, number> | null> {
  const target = databaseTarget(env);
  if (engineOfUrl(target) === "postgres") {
    let client: Promise<pg.Client> | undefined;
    const connect = async () => {
      const c = new pg.Client({ connectionString: target });
      // A broken connection fails the read in progress (caught below); the next read connects anew.
      c.on("error", () => {});
      await c.connect();
      return c;
    };
    return async () => {
      const current = (client ??= connect());
      try {
        const { rows } = await (await current).query<{ scope: string; version: string | number }>({ name: "cache_scope_versions", text: POSTGRES_SCOPE_VERSIONS });
        return new Map(rows.map((r) => [r.scope, Number(r.version)]));
      } catch {
        if (client === current) client = undefined;
        await current.then((c) => c.end()).catch(() => {});
        return null;
      }
    };
  }
  let db: Kysely<any> | undefined;
  return async () => {
    try {
      db ??= new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(target, { readonly: true, fileMustExist: true }) }) });
      return await readScopeVersions(db, "sqlite");
    } catch {
      const failed = db;
      db = undefined;
      await failed?.destroy().catch(() => {});
      return null;
    }
  };
}

/** See `publicPageCache`: the least time between two version reads of a loaded server on PostgreSQL. */
export const PAGE_CACHE_READ_INTERVAL_MS = 1;

/**
 * The public page cache as Express middleware (ADR 0012): cacheable requests (see
 * `cacheKeyFor`) are answered from the process's cache, rendered through the Remix handler on
 * a miss; everything else passes on untouched.
 */
export function publicPageCache(env: Env, build: () => ServerBuild) {
  // Callers that arrive while a read runs share the next one (app/utils/fresh-read.ts): fresh for each, one round trip for many.
  // On PostgreSQL the read is a round trip (app ~90 µs, backend ~120 µs of CPU, more than the rest
  // of a cache hit): under load the reads are spaced PAGE_CACHE_READ_INTERVAL_MS apart and shared
  // by the requests of that moment; an idle server reads at once (ADR 0052).
  const onPostgres = engineOfUrl(databaseTarget(env)) === "postgres";
  const readVersions = freshSharedRead(scopeVersionReader(env), { minIntervalMs: onPostgres ? PAGE_CACHE_READ_INTERVAL_MS : 0 });
  let handler: { build: ServerBuild; handle: ReturnType<typeof createRemixHandler> } | undefined;
  const render = async (req: CacheRequest): Promise<RenderedPage> => {
    const headers = new Headers();
    for (const name of ["cookie", "accept-language", "user-agent"]) {
      const v = req.header(name);
      if (v) headers.set(name, v);
    }
    const url = `${env.BASE_URL.replace(/\/$/, "")}${req.path}${req.search ? `?${req.search}` : ""}`;
    const current = build();
    if (handler?.build !== current) handler = { build: current, handle: createRemixHandler(current, "production") };
    const response = await handler.handle(new Request(url, { headers }), { nonce: "", clientIp: "page-cache" });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
  };
  const cache = new PageCache({ ttlMs: env.PUBLIC_PAGE_CACHE_SECONDS * 1000, readVersions, render, csp: (sources) => contentSecurityPolicy(env, sources) });
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const q = req.originalUrl.indexOf("?");
    const request: CacheRequest = { method: req.method, path: req.path, search: q < 0 ? "" : req.originalUrl.slice(q + 1), header: (n) => req.get(n) };
    const match = cacheKeyFor(request);
    if (!match) return next();
    cache.get(request, match.key, match.rule).then(
      (result) => {
        if (!result) return next();
        const { page } = result;
        res.status(page.status);
        for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
        res.setHeader("X-Page-Cache", result.hit ? "hit" : "miss");
        if (page.status === 200 && etagMatches(req.get("if-none-match"), page.etag)) return res.status(304).end();
        const gzip = acceptsGzip(req.get("accept-encoding"));
        const body = gzip ? page.gzip : page.body;
        if (gzip) res.setHeader("Content-Encoding", "gzip");
        res.setHeader("Content-Length", String(body.length));
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (err: unknown) => next(err),
    );
  };
  return Object.assign(middleware, { cache });
}

/**
 * Fastest gzip level (nginx's default too): a 36 KB office page costs about 0.3 ms to compress
 * instead of 1.3 ms at the default level 6, for about 9 % more bytes (docs/benchmarks.md).
 */
const GZIP_LEVEL = 1;

/**
 * A body that the action did not read (a redirect for a logged-out visitor, a refusal) is read
 * to its end and dropped once the response is written, as Node does for requests nobody read:
 * Remix's request body stream pauses the request when its buffer is full, and a paused request
 * keeps the keep-alive connection waiting for the rest of it (issue #12, item 5). `bodyLimit`
 * bounds what is read.
 */
export function drainUnreadBody(req: Request, res: Response, next: NextFunction) {
  res.once("finish", () => {
    if (req.complete || req.destroyed) return;
    req.removeAllListeners("data");
    req.resume();
  });
  next();
}

/** The path Remix will see: `@remix-run/express` makes the request's URL from the protocol, host and `originalUrl`. */
function remixPathname(req: Request): string | null {
  try {
    return new URL(`http://localhost${req.originalUrl}`).pathname;
  } catch {
    // Not a URL Remix could make either: the full build answers.
    return null;
  }
}

/** The Express app; `serverBuild` replaces the build on disk (tests). */
export async function createServer(env: Env, serverBuild?: ServerBuild) {
  const app = express();
  app.disable("x-powered-by");
  // Remix reads the query from the URL itself; Express would parse it for every request.
  app.set("query parser", false);
  app.set("trust proxy", env.TRUST_PROXY);
  app.use(compression({ level: GZIP_LEVEL }));
  app.use(securityHeaders(env));

  app.use((req, res, next) => {
    if (env.LOG_LEVEL === "silent" || env.LOG_LEVEL === "warn" || env.LOG_LEVEL === "error" || req.path.startsWith("/build/")) return next();
    const start = process.hrtime.bigint();
    // As asked for: a refused request goes on under another method and path.
    const { method, path: pathname } = req;
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      process.stdout.write(
        JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "request", method, path: pathname, status: res.statusCode, ms: Math.round(ms * 10) / 10 }) + "\n",
      );
    });
    next();
  });

  let build = serverBuild ?? (await loadBuild());
  const dev = env.NODE_ENV === "development" && !serverBuild;
  // Public pages for anonymous visitors come from the page cache (off in development, where the build changes).
  if (!dev) app.use(publicPageCache(env, () => build));

  app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
  // The other public files all have an extension (favicon.svg); pages are not looked up on disk first
  // (a file-system stat per page request).
  const publicFiles = express.static(path.join(ROOT, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  app.use(drainUnreadBody);
  app.use(bodyLimit(env));
  app.use(sameOriginCheck(env));

  // A fresh object per request: the actor is memoised in it (app/auth/session.server.ts).
  const getLoadContext = (req: Request, res: Response): AppLoadContext => ({
    nonce: res.locals.nonce as string,
    clientIp: req.ip ?? "unknown",
    refused: res.locals.refused === true,
  });
  if (dev) {
    app.all("*", async (req, res, next) => {
      build = await loadBuild();
      return createExpressHandler({ build, mode: "development", getLoadContext })(req, res, next);
    });
  } else {
    // Each request goes to a handler whose build holds only the routes that could match its path
    // (ADR 0027): Remix matches against every route of its build several times per request.
    const handlerFor = handlersByRouteSubset(build, (subset) => createExpressHandler({ build: subset, mode: build.mode, getLoadContext }));
    app.all("*", (req, res, next) => handlerFor(remixPathname(req))(req, res, next));
  }
  return { app, build };
}

/** Serves in this process (one Node thread). */
async function listen(env: Env) {
  const { app, build } = await createServer(env);
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  if (env.NODE_ENV === "development") void broadcastDevReady(build);
  // New connections are refused at once, and a request on a kept-alive connection is answered with
  // `Connection: close` (the client opens its next connection elsewhere, e.g. at another process
  // behind the proxy). The process ends when the open requests are answered and the background
  // jobs have finished what they started (a mail being sent), or after 5 s.
  let closing = false;
  server.prependListener("request", (_req: unknown, res: import("node:http").ServerResponse) => {
    if (closing) res.setHeader("Connection", "close");
  });
  const shutdown = () => {
    closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    void Promise.all([closed, stopBackgroundJobs()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}

/**
 * Starts the server. With WEB_CONCURRENCY > 1 this process becomes the cluster primary and
 * forks that many workers running this file, which share the port; SQLite in WAL mode and the
 * BEGIN IMMEDIATE commands keep several processes on one database file safe, as SERIALIZABLE
 * commands with retry do on PostgreSQL (ADR 0026; the room tests prove it with two processes). Only the first worker runs the background jobs (they
 * are claim-protected anyway). A worker that dies is replaced.
 */
export async function startServer(env: Env): Promise<void> {
  if (env.WEB_CONCURRENCY <= 1 || !cluster.isPrimary) {
    await listen(env);
    return;
  }
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ EH_CLUSTER_WORKER: String(index), BACKGROUND_JOBS: index === 0 ? String(env.BACKGROUND_JOBS) : "false" });
    worker.on("exit", (code) => {
      if (stopping) return;
      process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "worker exited, restarting", index, code }) + "\n");
      setTimeout(() => fork(index), 1000).unref();
    });
    return new Promise<void>((resolve) => worker.once("listening", () => resolve()));
  };
  await Promise.all(Array.from({ length: env.WEB_CONCURRENCY }, (_, i) => fork(i)));
  const shutdown = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const env = parseEnv(process.env);
    await startServer(env);
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "listening", url: env.BASE_URL, port: env.PORT }) + "\n");
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
