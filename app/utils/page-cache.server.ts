/**
 * The public page cache (ADR 0012): rendered public pages for anonymous visitors, kept per
 * server process and served without running Remix again until the data they show changes.
 *
 * - Only GET/HEAD of the pages in `PUBLIC_PAGES`, only without cookies other than the language
 *   cookie, only with the query parameters a page declares. Anything else is not touched.
 * - Fails closed (ADR 0019): a page with a scope that has no version is not cached; the key holds
 *   the language the app resolves for the request (cookie, then Accept-Language, then German),
 *   and the page is rendered for exactly that language, from a request that carries nothing else;
 *   a test finds every table each cached page reads and fails when one bumps none of its scopes.
 * - An entry is valid while the versions of its scopes are unchanged (the `cache_scope` table,
 *   bumped by database triggers on every write to the tables behind the page, in the writing
 *   transaction; on PostgreSQL plus the scope's `cache_scope_bump` rows: db/cache-scopes.ts) and
 *   for at most `ttlMs` (pages that show "today" roll over). The versions are read from the
 *   database on every cacheable request, so with several processes (several machines) each one
 *   sees another's acknowledged write at once.
 * - Pages are rendered with an empty nonce: their inline scripts are allowed by SHA-256 hashes
 *   in the Content-Security-Policy of the cached response, so no nonce is ever reused.
 * - Concurrent misses of one key render once.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { getLanguage } from "~/i18n/i18next.server";

export type PageCacheRule = {
  /** The whole path, e.g. /^\/raum\/\d+$/. */
  path: RegExp;
  /** Which data the page shows: its entry is dropped when one of these versions changes. */
  scopes: readonly string[];
  /** Query parameters that select what the page shows; a request with any other parameter is not cached. */
  query?: readonly string[];
};

/** The public pages worth caching: read by many anonymous visitors, the same for each of them. */
export const PUBLIC_PAGES: readonly PageCacheRule[] = [
  { path: /^\/$/, scopes: ["organisations"] },
  { path: /^\/datenschutz$/, scopes: [] },
  { path: /^\/raum$/, scopes: ["rooms"] },
  { path: /^\/raum\/\d{1,9}$/, scopes: ["rooms"], query: ["view", "from"] },
  { path: /^\/raum\/\d{1,9}\/kalender\.ics$/, scopes: ["rooms"] },
  { path: /^\/spenden$/, scopes: ["donations", "organisations"] },
  // The associations' directory (issue #15): its tables bump "organisations" (migrations 0037, 0038).
  { path: /^\/vereine$/, scopes: ["organisations"], query: ["field", "district", "language", "free", "page"] },
  { path: /^\/vereine\/\d{1,9}$/, scopes: ["organisations"] },
  // The seal's public register and verification pages (issue #15): awards, catalogue, organisation names.
  { path: /^\/siegel$/, scopes: ["seal", "organisations"] },
  { path: /^\/siegel\/\d{4}-[0-9A-F]{10}$/, scopes: ["seal", "organisations"] },
  // The offers directory (issue #15, ADR 0039): offers, their texts and dates bump "organisations" (migrations 0038, 0049).
  { path: /^\/angebote$/, scopes: ["organisations"], query: ["q", "field", "district", "language", "target", "weekday", "free", "page"] },
  { path: /^\/angebote\/\d{1,9}$/, scopes: ["organisations"] },
  { path: /^\/angebote\/\d{1,9}\/kalender\.ics$/, scopes: ["organisations"] },
  { path: /^\/angebote\/\d{1,9}\/aushang$/, scopes: ["organisations"] },
];

/** The request as the cache sees it (an Express request fits). */
export type CacheRequest = {
  method: string;
  path: string;
  /** The raw query string without "?", "" when none. */
  search: string;
  header(name: string): string | undefined;
};

export type RenderedPage = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
};

export type CachedPage = {
  status: number;
  /** Headers to send (without Content-Encoding / Content-Length, set per response). */
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  /** The scope versions the page was rendered at. */
  versions: string;
  createdAt: number;
  bytes: number;
};

const LANGUAGE_COOKIE = "lng";
const MAX_VALUE_LENGTH = 32;
const MAX_ACCEPT_LANGUAGE = 200;

/** Which cached page a request may be answered with, or null when it must go to the app. */
export function cacheKeyFor(req: CacheRequest, rules: readonly PageCacheRule[] = PUBLIC_PAGES): { key: string; rule: PageCacheRule } | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const rule = rules.find((r) => r.path.test(req.path));
  if (!rule) return null;
  const cookie = req.header("cookie");
  if (cookie) {
    for (const part of cookie.split(";")) {
      const eq = part.indexOf("=");
      const name = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (!name) continue;
      // A session, a flash message or any other cookie may change the page: not cached.
      if (name !== LANGUAGE_COOKIE) return null;
      if (part.slice(eq + 1).trim().length > MAX_VALUE_LENGTH * 2) return null;
    }
  }
  let query = "";
  if (req.search) {
    const params = new URLSearchParams(req.search);
    const kept: string[] = [];
    for (const [name, value] of params) {
      if (!rule.query?.includes(name) || value.length > MAX_VALUE_LENGTH) return null;
      kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
    query = kept.sort().join("&");
  }
  const acceptLanguage = (req.header("accept-language") ?? "").trim();
  if (acceptLanguage.length > MAX_ACCEPT_LANGUAGE) return null;
  // The language is added by `PageCache.get`, as the app resolves it (`languageOf`).
  return { key: `${req.path}?${query}`, rule };
}

/** The language the app renders a request in (the `lng` cookie, then Accept-Language, then German). */
export function languageOf(req: CacheRequest): Promise<string> {
  const headers = new Headers();
  for (const name of ["cookie", "accept-language"]) {
    const v = req.header(name);
    if (v) headers.set(name, v);
  }
  return getLanguage(new Request("http://page-cache.invalid/", { headers }));
}

/** The request a page is rendered from: its path and query, and its resolved language only. */
function renderRequestFor(req: CacheRequest, language: string): CacheRequest {
  return { method: "GET", path: req.path, search: req.search, header: (name) => (name.toLowerCase() === "accept-language" ? language : undefined) };
}

/** The SHA-256 sources of a page's inline scripts, for `script-src`. */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (/\ssrc\s*=/i.test(m[1])) continue;
    out.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...out];
}

export type PageCacheOptions = {
  /** Longest life of an entry in ms (0 turns the cache off). */
  ttlMs: number;
  /**
   * Current version of every scope (one small query, asked on every cacheable request, so a write
   * another process acknowledged is seen at once); null, or a rejection, when they cannot be read:
   * nothing is served from the cache then.
   */
  readVersions(): Promise<Map<string, number> | null>;
  /** Renders the page for the request without any cookie but the language, with an empty nonce. */
  render(req: CacheRequest): Promise<RenderedPage>;
  /** The language a request is answered in (default: the app's own resolution, `languageOf`). */
  language?(req: CacheRequest): Promise<string>;
  /** The Content-Security-Policy allowing exactly these inline scripts. */
  csp(scriptSources: string[]): string;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
};

export type PageCacheResult = { page: CachedPage; hit: boolean };

export class PageCache {
  private entries = new Map<string, CachedPage>();
  private inflight = new Map<string, Promise<CachedPage>>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  get size() {
    return this.entries.size;
  }

  /** The page for a cacheable request, from the cache or freshly rendered. Null when the cache is off. */
  async get(req: CacheRequest, pathKey: string, rule: PageCacheRule): Promise<PageCacheResult | null> {
    if (this.options.ttlMs <= 0) return null;
    const versions = await this.versionsOf(rule);
    if (versions === null) return null;
    const language = await (this.options.language ?? languageOf)(req);
    const key = `${pathKey}\n${language}`;
    const found = this.entries.get(key);
    if (found && found.versions === versions && this.now() - found.createdAt < this.options.ttlMs) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, found);
      this.hits++;
      return { page: found, hit: true };
    }
    this.misses++;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.renderAndStore(renderRequestFor(req, language), key, versions).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return { page: await pending, hit: false };
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  /** The versions of the rule's scopes; null (not cached) when they cannot be read or one is unknown. */
  private async versionsOf(rule: PageCacheRule): Promise<string | null> {
    if (rule.scopes.length === 0) return "";
    const all = await this.options.readVersions().catch(() => null);
    if (!all || rule.scopes.some((s) => !all.has(s))) return null;
    return rule.scopes.map((s) => `${s}:${all.get(s)}`).join(",");
  }

  private async renderAndStore(req: CacheRequest, key: string, versions: string): Promise<CachedPage> {
    const rendered = await this.options.render(req);
    const page = toCachedPage(rendered, versions, this.now(), this.options.csp);
    const cacheable = rendered.status === 200 && !Object.keys(rendered.headers).some((h) => h.toLowerCase() === "set-cookie");
    if (cacheable) this.store(key, page);
    return page;
  }

  private store(key: string, page: CachedPage) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    if (page.bytes > this.maxBytes / 4) return;
    this.entries.set(key, page);
    this.bytes += page.bytes;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes;
    }
  }
}

const DROPPED_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "content-security-policy", "set-cookie"]);

export function toCachedPage(rendered: RenderedPage, versions: string, createdAt: number, csp: (sources: string[]) => string): CachedPage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rendered.headers)) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  let body = rendered.body;
  if ((headers["content-type"] ?? "").startsWith("text/html")) {
    // The page was rendered with an empty nonce; its inline scripts are allowed by hash instead.
    const html = body.toString("utf8").replace(/ nonce=""/g, "");
    body = Buffer.from(html, "utf8");
    headers["content-security-policy"] = csp(inlineScriptHashes(html));
  } else {
    headers["content-security-policy"] = csp([]);
  }
  const etag = headers.etag ?? `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  headers.etag = etag;
  const vary = new Set((headers.vary ?? "").split(",").map((v) => v.trim()).filter(Boolean));
  for (const v of ["Accept-Encoding", "Accept-Language", "Cookie"]) vary.add(v);
  headers.vary = [...vary].join(", ");
  const gzip = gzipSync(body, { level: 9 });
  return { status: rendered.status, headers, body, gzip, etag, versions, createdAt, bytes: body.length + gzip.length };
}

/** Whether the client accepts gzip (q=0 excluded). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(",")) {
    const [coding, ...params] = part.trim().split(";");
    if (coding.trim().toLowerCase() !== "gzip" && coding.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
