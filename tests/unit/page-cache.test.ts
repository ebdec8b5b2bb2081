import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  acceptsGzip,
  cacheKeyFor,
  etagMatches,
  inlineScriptHashes,
  PageCache,
  type CacheRequest,
  type PageCacheRule,
  type RenderedPage,
} from "~/utils/page-cache.server";

function req(path: string, opts: { method?: string; search?: string; headers?: Record<string, string> } = {}): CacheRequest {
  const headers = Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: opts.method ?? "GET", path, search: opts.search ?? "", header: (n) => headers[n.toLowerCase()] };
}

describe("cacheKeyFor", () => {
  it("takes the public pages for anonymous GET and HEAD requests", () => {
    expect(cacheKeyFor(req("/raum/1"))?.rule.scopes).toEqual(["rooms"]);
    expect(cacheKeyFor(req("/raum/1/kalender.ics"))?.rule.scopes).toEqual(["rooms"]);
    expect(cacheKeyFor(req("/spenden"))?.rule.scopes).toEqual(["donations", "organisations"]);
    expect(cacheKeyFor(req("/raum/1", { method: "HEAD" }))).not.toBeNull();
  });

  it("leaves other pages, other methods and other paths alone", () => {
    expect(cacheKeyFor(req("/office"))).toBeNull();
    expect(cacheKeyFor(req("/raum/1/anfragen"))).toBeNull();
    expect(cacheKeyFor(req("/raum/abc"))).toBeNull();
    expect(cacheKeyFor(req("/raum/1", { method: "POST" }))).toBeNull();
    expect(cacheKeyFor(req("/raum/1.data"))).toBeNull();
  });

  it("never caches a request with a session, flash or any cookie but the language", () => {
    expect(cacheKeyFor(req("/raum/1", { headers: { cookie: "eh_session=abc" } }))).toBeNull();
    expect(cacheKeyFor(req("/raum/1", { headers: { cookie: "lng=ImFyIg%3D%3D; eh_flash=x" } }))).toBeNull();
    expect(cacheKeyFor(req("/raum/1", { headers: { cookie: "other=1" } }))).toBeNull();
    expect(cacheKeyFor(req("/raum/1", { headers: { cookie: "lng=ImFyIg%3D%3D" } }))).not.toBeNull();
  });

  it("keys by the declared query parameters (in any order) and refuses others", () => {
    const a = cacheKeyFor(req("/raum/1", { search: "view=month&from=2026-12-01" }));
    const b = cacheKeyFor(req("/raum/1", { search: "from=2026-12-01&view=month" }));
    expect(a!.key).toBe(b!.key);
    expect(a!.key).not.toBe(cacheKeyFor(req("/raum/1"))!.key);
    expect(cacheKeyFor(req("/raum/1", { search: "utm=x" }))).toBeNull();
    expect(cacheKeyFor(req("/spenden", { search: "view=month" }))).toBeNull();
    expect(cacheKeyFor(req("/raum/1", { search: `from=${"x".repeat(100)}` }))).toBeNull();
  });

  it("refuses an overlong Accept-Language; the language itself is resolved by the cache", () => {
    expect(cacheKeyFor(req("/raum/1", { headers: { "accept-language": "x".repeat(500) } }))).toBeNull();
    expect(cacheKeyFor(req("/raum/1", { headers: { "accept-language": "ar" } }))!.key).toBe(cacheKeyFor(req("/raum/1"))!.key);
  });
});

describe("inlineScriptHashes", () => {
  it("hashes inline scripts only", () => {
    const html = `<script>a()</script><script src="/x.js"></script><script type="module" async="">import "/b.js";</script><script>a()</script>`;
    const sha = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([sha("a()"), sha('import "/b.js";')]);
  });
});

describe("acceptsGzip / etagMatches", () => {
  it("reads Accept-Encoding", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1, gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
  });
  it("compares ETags weakly", () => {
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe("PageCache", () => {
  const rule: PageCacheRule = { path: /^\/raum\/\d+$/, scopes: ["rooms"] };
  function setup(opts: { ttlMs?: number; maxEntries?: number; render?: (r: CacheRequest) => Promise<RenderedPage> } = {}) {
    const versions = new Map([["rooms", 1]]);
    let clock = 1_000_000;
    let renders = 0;
    const cache = new PageCache({
      ttlMs: opts.ttlMs ?? 60_000,
      maxEntries: opts.maxEntries,
      now: () => clock,
      readVersions: async () => versions,
      csp: (sources) => `script-src 'self' ${sources.join(" ")}`,
      render:
        opts.render ??
        (async (r) => {
          renders++;
          return {
            status: 200,
            headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
            body: Buffer.from(`<html><script nonce="">boot(${renders})</script><p>${r.path} #${renders}</p></html>`),
          };
        }),
    });
    return { cache, versions, tick: (ms: number) => (clock += ms), renders: () => renders };
  }

  it("renders once, then serves the stored page with hashes instead of the empty nonce", async () => {
    const { cache, renders } = setup();
    const r = req("/raum/1");
    const first = await cache.get(r, "k", rule);
    const second = await cache.get(r, "k", rule);
    expect(first!.hit).toBe(false);
    expect(second!.hit).toBe(true);
    expect(renders()).toBe(1);
    const page = second!.page;
    expect(page.body.toString()).toContain("<script>boot(1)</script>");
    expect(page.body.toString()).not.toContain("nonce");
    expect(page.headers["content-security-policy"]).toContain(`'sha256-${createHash("sha256").update("boot(1)").digest("base64")}'`);
    expect(gunzipSync(page.gzip).equals(page.body)).toBe(true);
    expect(page.headers.vary).toBe("Accept-Encoding, Accept-Language, Cookie");
    expect(page.etag).toMatch(/^W\/"/);
  });

  it("keys by the resolved language and renders from that language only, not the raw header", async () => {
    const seen: Array<Record<string, string | undefined>> = [];
    const { cache, renders } = setup({
      render: async (r) => {
        seen.push({ lang: r.header("accept-language"), cookie: r.header("cookie"), ua: r.header("user-agent") });
        return { status: 200, headers: { "content-type": "text/html" }, body: Buffer.from(`<p>${r.header("accept-language")}</p>`) };
      },
    });
    const ar1 = await cache.get(req("/raum/1", { headers: { "accept-language": "ar-EG,ar;q=0.9", "user-agent": "x" } }), "k", rule);
    // The cookie names Arabic as well (base64 JSON, as the app writes it): one entry.
    const ar2 = await cache.get(req("/raum/1", { headers: { cookie: "lng=ImFyIg%3D%3D", "accept-language": "de" } }), "k", rule);
    const de1 = await cache.get(req("/raum/1", { headers: { "accept-language": "de-DE,de;q=0.9" } }), "k", rule);
    // Unsupported languages and no header at all resolve to German: the same entry.
    const de2 = await cache.get(req("/raum/1", { headers: { "accept-language": "fr-FR, tlh;q=0.5" } }), "k", rule);
    const de3 = await cache.get(req("/raum/1"), "k", rule);
    expect([ar1!.hit, ar2!.hit, de1!.hit, de2!.hit, de3!.hit]).toEqual([false, true, false, true, true]);
    expect(ar2!.page.body.toString()).toBe("<p>ar</p>");
    expect(de3!.page.body.toString()).toBe("<p>de</p>");
    expect(renders()).toBe(0);
    expect(seen).toEqual([
      { lang: "ar", cookie: undefined, ua: undefined },
      { lang: "de", cookie: undefined, ua: undefined },
    ]);
  });

  it("does not cache a page with a scope that has no version", async () => {
    const { cache, renders } = setup();
    const unknown: PageCacheRule = { path: /^\/x$/, scopes: ["rooms", "no-such-scope"] };
    expect(await cache.get(req("/x"), "k", unknown)).toBeNull();
    expect(renders()).toBe(0);
    expect(cache.size).toBe(0);
  });

  it("renders again when a scope's version changes", async () => {
    const { cache, versions, renders } = setup();
    await cache.get(req("/raum/1"), "k", rule);
    versions.set("rooms", 2);
    const again = await cache.get(req("/raum/1"), "k", rule);
    expect(again!.hit).toBe(false);
    expect(renders()).toBe(2);
    expect(again!.page.body.toString()).toContain("#2");
    expect((await cache.get(req("/raum/1"), "k", rule))!.hit).toBe(true);
  });

  it("renders again after the time to live", async () => {
    const { cache, tick, renders } = setup({ ttlMs: 60_000 });
    await cache.get(req("/raum/1"), "k", rule);
    tick(59_999);
    expect((await cache.get(req("/raum/1"), "k", rule))!.hit).toBe(true);
    tick(1);
    expect((await cache.get(req("/raum/1"), "k", rule))!.hit).toBe(false);
    expect(renders()).toBe(2);
  });

  it("renders concurrent misses of one key once", async () => {
    const { cache, renders } = setup();
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get(req("/raum/1"), "k", rule)));
    expect(renders()).toBe(1);
    expect(new Set(all.map((r) => r!.page.etag)).size).toBe(1);
  });

  it("does not store error pages or pages that set cookies", async () => {
    let n = 0;
    const { cache } = setup({
      render: async (): Promise<RenderedPage> => {
        n++;
        return n === 1
          ? { status: 404, headers: { "content-type": "text/html" }, body: Buffer.from("<p>404</p>") }
          : { status: 200, headers: { "content-type": "text/html", "set-cookie": "a=b" }, body: Buffer.from("<p>x</p>") };
      },
    });
    expect((await cache.get(req("/raum/9"), "k", rule))!.page.status).toBe(404);
    expect((await cache.get(req("/raum/9"), "k", rule))!.hit).toBe(false);
    expect((await cache.get(req("/raum/9"), "k", rule))!.hit).toBe(false);
    expect(n).toBe(3);
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used entry", async () => {
    const { cache } = setup({ maxEntries: 2 });
    await cache.get(req("/raum/1"), "a", rule);
    await cache.get(req("/raum/2"), "b", rule);
    await cache.get(req("/raum/1"), "a", rule); // a is now the most recent
    await cache.get(req("/raum/3"), "c", rule); // evicts b
    expect(cache.size).toBe(2);
    expect((await cache.get(req("/raum/1"), "a", rule))!.hit).toBe(true);
    expect((await cache.get(req("/raum/2"), "b", rule))!.hit).toBe(false);
  });

  it("is off with a time to live of 0 and when the versions cannot be read", async () => {
    const off = setup({ ttlMs: 0 });
    expect(await off.cache.get(req("/raum/1"), "k", rule)).toBeNull();
    const broken = new PageCache({ ttlMs: 1000, readVersions: async () => null, render: async () => ({ status: 200, headers: {}, body: Buffer.from("") }), csp: () => "" });
    expect(await broken.get(req("/raum/1"), "k", rule)).toBeNull();
    // A failing read (database gone, connection refused) fails closed too.
    const failing = new PageCache({ ttlMs: 1000, readVersions: () => Promise.reject(new Error("connection refused")), render: async () => ({ status: 200, headers: {}, body: Buffer.from("") }), csp: () => "" });
    expect(await failing.get(req("/raum/1"), "k", rule)).toBeNull();
  });
});
