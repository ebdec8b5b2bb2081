/**
 * ADR 0020 against the production server: an AppError thrown by a loader (a malformed id via
 * `parseId`, an unknown record via `notFound()`, a missing permission via `requirePermission`)
 * is answered with its status, also for single-fetch data requests, never with a 500.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

it("answers AppErrors with their status", async () => {
  const status = async (path: string) => (await fetch(`${server.baseUrl}${path}`, { redirect: "manual" })).status;
  expect(await status("/raum/abc")).toBe(404);
  expect(await status("/raum/999999")).toBe(404);
  expect(await status("/raum/999999.data")).toBe(404);
  expect(await status("/gibt-es-nicht")).toBe(404);
});
