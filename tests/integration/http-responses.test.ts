/**
 * How the production server hands requests to Remix and writes its responses (scripts/serve.ts):
 * a rendered page's buffer is written as it is, gzipped in one call when the client accepts it;
 * everything else streams through the compression middleware as before. Over real HTTP on
 * loopback, behind the same compression middleware, without the Remix build.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTML_BODY, remixRequest, sendResponse } from "../../scripts/serve";

let server: http.Server;
let port: number;
let seen: { url: string; method: string; body: string; cookie: string | null; aborted: () => boolean } | null = null;

const html = Buffer.from(`<!DOCTYPE html><html lang="de"><body>${"<p>Ehrenamt in Willich – Übersicht</p>".repeat(200)}</body></html>`);

function page(status = 200) {
  const response = new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(html.length) } });
  response.headers.append("Set-Cookie", "a=1; Path=/");
  response.headers.append("Set-Cookie", "b=2; Path=/");
  Object.defineProperty(response, HTML_BODY, { value: html });
  return response;
}

beforeAll(async () => {
  const app = express();
  app.use(compression({ level: 1 }));
  app.all("*", async (req, res, next) => {
    try {
      const request = remixRequest(req, res);
      seen = { url: request.url, method: request.method, body: "", cookie: request.headers.get("cookie"), aborted: () => request.signal.aborted };
      if (request.method === "POST") seen.body = await request.text();
      if (req.path === "/page") return await sendResponse(res, page());
      if (req.path === "/small") {
        const small = new Response("<p>kurz</p>", { headers: { "Content-Type": "text/html" } });
        Object.defineProperty(small, HTML_BODY, { value: Buffer.from("<p>kurz</p>") });
        return await sendResponse(res, small);
      }
      if (req.path === "/json") return await sendResponse(res, Response.json({ items: Array.from({ length: 300 }, (_, i) => ({ i, text: "Sachspende" })) }));
      if (req.path === "/redirect") return await sendResponse(res, new Response(null, { status: 302, headers: { Location: "/login" } }));
      res.status(404).end();
    } catch (error) {
      next(error);
    }
  });
  server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type Res = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function request(path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: body ? { ...headers, "Content-Length": String(Buffer.byteLength(body)) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

describe("a rendered page", () => {
  it("is gzipped in one piece for a client that accepts gzip, with its length, status and every cookie", async () => {
    const res = await request("/page", { "Accept-Encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(html.length / 5);
    expect(gunzipSync(res.body).equals(html)).toBe(true);
    expect(res.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers["transfer-encoding"]).toBeUndefined();
  });

  it("is sent as it is to a client that does not accept gzip (or refuses it with q=0)", async () => {
    for (const accept of [undefined, "identity", "gzip;q=0"]) {
      const res = await request("/page", accept ? { "Accept-Encoding": accept } : {});
      expect(res.headers["content-encoding"], String(accept)).toBeUndefined();
      expect(res.body.equals(html)).toBe(true);
      expect(Number(res.headers["content-length"])).toBe(html.length);
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
    expect(res.body.length).toBe(0);
  });
});

describe("other responses", () => {
  it("stream through the compression middleware as before", async () => {
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
    await request("/page", { "Content-Type": "application/x-www-form-urlencoded" }, "POST", "name=Erika");
    expect(seen?.method).toBe("POST");
    expect(seen?.body).toBe("name=Erika");
    // The response was written: the request is not aborted afterwards.
    expect(seen?.aborted()).toBe(false);
  });
});
