import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/utils/env.server";
import { bodyLimit, sameOriginCheck, securityHeaders } from "../../scripts/serve";

// The middlewares of the production server in front of a trivial handler (not the Remix
// build, which may not exist when this runs), over real HTTP on loopback.
let server: http.Server;
let port: number;
let handled = 0;

beforeAll(async () => {
  const env = parseEnv({ BASE_URL: "https://hub.example.org", BODY_LIMIT_BYTES: "2048", UPLOAD_BODY_LIMIT_BYTES: "8192", NODE_ENV: "production" });
  const app = express();
  app.use(securityHeaders(env));
  app.use(sameOriginCheck(env));
  app.use(bodyLimit(env));
  app.all("*", (req, res) => {
    // A refused request goes on to the app's 403 page (app/routes/$.tsx) as a GET without its body.
    if (res.locals.refused) return res.status(403).json({ refused: `${req.method} ${req.originalUrl}` });
    handled++;
    req.resume();
    req.on("end", () => res.json({ nonce: res.locals.nonce, method: req.method }));
  });
  server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type Res = { status: number; headers: http.IncomingHttpHeaders; body: string };
function request(method: string, headers: Record<string, string> = {}, body?: string | Buffer, chunked = false, path = "/form"): Promise<Res> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !chunked) h["Content-Length"] = String(Buffer.byteLength(body));
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: h }, (res) => {
      let data = "";
      res.on("data", (c) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const form = "name=Erika";

describe("security headers", () => {
  it("sends a CSP with a fresh nonce per request and frame-ancestors 'none'", async () => {
    const a = await request("GET");
    const b = await request("GET");
    expect(a.status).toBe(200);
    const csp = a.headers["content-security-policy"] as string;
    const nonce = JSON.parse(a.body).nonce as string;
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(JSON.parse(b.body).nonce).not.toBe(nonce);
  });

  it("sends nosniff, a strict Referrer-Policy, frame denial and HSTS for an https site", async () => {
    const r = await request("GET");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["referrer-policy"]).toBe("same-origin");
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  });

  it("does not send HSTS for a plain-http site", async () => {
    const env = parseEnv({ BASE_URL: "http://localhost:3000" });
    const headers: Record<string, string> = {};
    securityHeaders(env)({} as never, { locals: {}, setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v) } as never, () => {});
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});

describe("same-origin check", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE"])("refuses a cross-origin %s with 403 before the app sees it", async (method) => {
    const before = handled;
    const r = await request(method, { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, form);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).refused).toBe("GET /_refused");
    expect(handled).toBe(before);
  });

  it("refuses an opaque (null) origin and a look-alike", async () => {
    expect((await request("POST", { Origin: "null" }, form)).status).toBe(403);
    expect((await request("POST", { Origin: "https://hub.example.org.evil.example" }, form)).status).toBe(403);
    expect((await request("POST", { Origin: "http://hub.example.org" }, form)).status).toBe(403);
  });

  it("accepts a POST from the site itself (BASE_URL, or the host it was reached at)", async () => {
    expect((await request("POST", { Origin: "https://hub.example.org" }, form)).status).toBe(200);
    expect((await request("POST", { Origin: `http://127.0.0.1:${port}` }, form)).status).toBe(200);
  });

  it("without Origin, trusts Sec-Fetch-Site: cross-site and same-site are refused", async () => {
    expect((await request("POST", { "Sec-Fetch-Site": "cross-site" }, form)).status).toBe(403);
    expect((await request("POST", { "Sec-Fetch-Site": "same-site" }, form)).status).toBe(403);
    expect((await request("POST", { "Sec-Fetch-Site": "same-origin" }, form)).status).toBe(200);
    expect((await request("POST", { "Sec-Fetch-Site": "none" }, form)).status).toBe(200);
    // Non-browser clients (curl, scripts) send neither header.
    expect((await request("POST", {}, form)).status).toBe(200);
  });

  it("lets cross-origin GETs through (they change nothing)", async () => {
    expect((await request("GET", { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" })).status).toBe(200);
  });
});

describe("body limit", () => {
  it("answers 413 when Content-Length exceeds BODY_LIMIT_BYTES, before the app reads it", async () => {
    const before = handled;
    const r = await request("POST", { Origin: "https://hub.example.org" }, "x".repeat(4096));
    expect(r.status).toBe(413);
    expect(handled).toBe(before);
  });

  it("accepts a body at the limit", async () => {
    expect((await request("POST", { Origin: "https://hub.example.org" }, "x".repeat(2048))).status).toBe(200);
  });

  it("lets the photo forms (donation offers, room photos) send up to UPLOAD_BODY_LIMIT_BYTES, and no more", async () => {
    const origin = { Origin: "https://hub.example.org" };
    for (const path of ["/spenden/anbieten", "/spenden/angebot/abc_DEF-1", "/office/rooms/7/photos"]) {
      expect((await request("POST", origin, "x".repeat(8192), false, path)).status, path).toBe(200);
      expect((await request("POST", origin, "x".repeat(8193), false, path)).status, path).toBe(413);
    }
    expect((await request("POST", origin, "x".repeat(4096), false, "/office/rooms/7")).status).toBe(413);
    expect((await request("POST", origin, "x".repeat(4096), false, "/office/rooms/7/photos/1")).status).toBe(413);
  });

  it("refuses a chunked body without a length (411) so the limit cannot be dodged", async () => {
    const r = await request("POST", { Origin: "https://hub.example.org", "Transfer-Encoding": "chunked" }, "x".repeat(4096), true);
    expect(r.status).toBe(411);
  });
});
