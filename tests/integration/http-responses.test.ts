/**
 * The production server's HTTP layer (scripts/serve.ts): Express, the compression middleware and
 * `@remix-run/express`, over real HTTP on loopback. Remix runs a small hand-made server build
 * (resource routes only) instead of the app's build, which may not exist when this runs; the
 * app's own pages over this path are tested against the production build in
 * tests/browser/http-production.test.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/utils/env.server";
import { createServer } from "../../scripts/serve";
import { resourceBuild, resourceRoute } from "../setup/resource-build";

const html = `<!DOCTYPE html><html lang="de"><body>${"<p>Ehrenamt in Willich – Übersicht</p>".repeat(200)}</body></html>`;
let seen: { url: string; method: string; body: string; cookie: string | null } | null = null;

/** Resource routes: what they return is the response, nothing is rendered. */
const build = resourceBuild({
  page: resourceRoute("page", "page", {
    loader: ({ request }: LoaderFunctionArgs) => {
      seen = { url: request.url, method: request.method, body: "", cookie: request.headers.get("cookie") };
      const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
      headers.append("Set-Cookie", "a=1; Path=/");
      headers.append("Set-Cookie", "b=2; Path=/");
      return new Response(html, { headers });
    },
    action: async ({ request }: ActionFunctionArgs) => {
      seen = { url: request.url, method: request.method, body: await request.text(), cookie: request.headers.get("cookie") };
      return new Response("ok", { headers: { "Content-Type": "text/plain" } });
    },
  }),
  small: resourceRoute("small", "small", { loader: () => new Response("<p>kurz</p>", { headers: { "Content-Type": "text/html", "Content-Length": "11" } }) }),
  json: resourceRoute("json", "json", { loader: () => Response.json({ items: Array.from({ length: 300 }, (_, i) => ({ i, text: "Sachspende" })) }) }),
  redirect: resourceRoute("redirect", "redirect", { loader: () => new Response(null, { status: 302, headers: { Location: "/login" } }) }),
  // Answers without reading the body, as an action does for a logged-out visitor.
  unread: resourceRoute("unread", "unread", {
    loader: () => new Response("ok"),
    action: () => new Response(null, { status: 302, headers: { Location: "/login" } }),
  }),
  splat: resourceRoute("splat", "*", {
    loader: ({ context }: LoaderFunctionArgs) => new Response(context.refused ? "refused" : "unknown", { status: context.refused ? 403 : 404 }),
  }),
});

let server: http.Server;
let port: number;
const BASE_URL = "https://hub.example.org";

beforeAll(async () => {
  const env = parseEnv({ NODE_ENV: "production", BASE_URL, LOG_LEVEL: "silent", DATABASE_PATH: "/nonexistent/eh.sqlite", BODY_LIMIT_BYTES: String(1024 * 1024) });
  const { app } = await createServer(env, build);
  server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type Res = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; reused: boolean };
function request(path: string, headers: Record<string, string> = {}, method = "GET", body?: string | Buffer, agent?: http.Agent): Promise<Res> {
  return new Promise((resolve, reject) => {
    const h = body !== undefined ? { ...headers, "Content-Length": String(Buffer.byteLength(body)) } : headers;
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), reused: req.reusedSocket }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe("a page", () => {
  it("is gzipped for a client that accepts gzip, with its status and every cookie", async () => {
    const res = await request("/page", { "Accept-Encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.body.length).toBeLessThan(Buffer.byteLength(html) / 5);
    expect(gunzipSync(res.body).toString("utf8")).toBe(html);
    expect(res.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("is compressed with brotli for a browser that offers it", async () => {
    const res = await request("/page", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(res.body).toString("utf8")).toBe(html);
  });

  it("is sent as it is to a client that does not accept gzip (or refuses it with q=0)", async () => {
    for (const accept of [undefined, "identity", "gzip;q=0"]) {
      const res = await request("/page", accept ? { "Accept-Encoding": accept } : {});
      expect(res.headers["content-encoding"], String(accept)).toBeUndefined();
      expect(res.body.toString("utf8")).toBe(html);
    }
  });

  it("below 1 KB is not compressed", async () => {
    const res = await request("/small", { "Accept-Encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.toString()).toBe("<p>kurz</p>");
  });

  it("HEAD gets the headers without a body", async () => {
    const res = await request("/page", { "Accept-Encoding": "gzip" }, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body.length).toBe(0);
  });
});

describe("other responses", () => {
  it("JSON is compressed too", async () => {
    const res = await request("/json", { "Accept-Encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(res.body).toString()).items).toHaveLength(300);
  });

  it("a redirect keeps its status and Location and has no body", async () => {
    const res = await request("/redirect");
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/login");
    expect(res.body.length).toBe(0);
  });
});

describe("the request Remix sees", () => {
  it("has the full URL with the Host's port, the method, the headers and a POST body", async () => {
    await request("/page?x=1&y=%C3%BC", { Host: `localhost:${port}`, Cookie: "eh_session=abc" });
    expect(seen?.url).toBe(`http://localhost:${port}/page?x=1&y=%C3%BC`);
    expect(seen?.cookie).toBe("eh_session=abc");
    const res = await request("/page", { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://127.0.0.1:${port}` }, "POST", "name=Erika");
    expect(res.status).toBe(200);
    expect(seen?.method).toBe("POST");
    expect(seen?.body).toBe("name=Erika");
  });
});

describe("one same-origin decision (issue #12, item 4)", () => {
  it("a post from BASE_URL's origin reaches the action although Host names the server itself (reverse proxy)", async () => {
    // Remix's own check compares Origin with Host only and aborted this request with a 500.
    const res = await request("/page", { Origin: BASE_URL, "Content-Type": "application/x-www-form-urlencoded" }, "POST", "name=Erika");
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe("ok");
    expect(seen?.body).toBe("name=Erika");
  });

  it("a post from another origin, or from an opaque one (`null`), is refused before the action, as the app's 403", async () => {
    for (const origin of ["https://evil.example", "null", `http://localhost:${port + 1}`]) {
      seen = null;
      const res = await request("/page", { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" }, "POST", "name=Erika");
      expect(res.status, origin).toBe(403);
      expect(res.body.toString(), origin).toBe("refused");
      expect(seen, origin).toBeNull();
    }
  });
});

describe("a keep-alive connection (issue #12, item 5)", () => {
  it("answers the next request at once after a 200 kB post that the action did not read", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = Buffer.alloc(200 * 1024, "a");
      const first = await request("/unread", { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE_URL }, "POST", body, agent);
      expect(first.status).toBe(302);
      // The socket was left waiting for the rest of the body: the second request got no answer for 65 s.
      const second = await Promise.race([
        request("/small", {}, "GET", undefined, agent),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 10 s on the reused connection")), 10_000)),
      ]);
      expect(second.status).toBe(200);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});
