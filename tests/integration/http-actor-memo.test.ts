/**
 * The actor is looked up once per request (app/auth/session.server.ts): Remix gives every loader
 * its own copy of the Request, but one load context per request (scripts/serve.ts), and the
 * actor is memoised in that context.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as root from "../../app/root";
import * as organisations from "../../app/routes/office.organisations._index";
import { getLucia } from "../../app/auth/lucia.server";
import { getActor } from "../../app/auth/session.server";
import { getDb } from "../../app/utils/db.server";
import { createTestUser } from "../factories";
import { makeRequest, sessionCookie } from "../setup/remix";

afterEach(() => vi.restoreAllMocks());

/** What Remix hands each loader of one request: a fresh copy of the request, the same context. */
const copyOf = (request: Request) => new Request(request.url, { method: request.method, headers: request.headers, signal: request.signal });

describe("the actor of a request", () => {
  it("is looked up once for the root loader and the page's loader together", async () => {
    const coordinator = await createTestUser(getDb(), { roles: ["coordinator"] });
    const request = makeRequest("/office/organisations", { cookie: await sessionCookie(coordinator.id) });
    // why: counts the session look-ups; the real validation still runs (a spy, not a mock).
    const lookups = vi.spyOn(getLucia(), "validateSession");
    const context = { nonce: "", clientIp: "127.0.0.1" };
    const [rootData, page] = await Promise.all([
      root.loader({ request: copyOf(request), context, params: {} }),
      organisations.loader({ request: copyOf(request), context, params: {} }),
    ]);
    expect(rootData.data.user?.email).toBe(coordinator.email);
    expect(page).toBeTruthy();
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it("is looked up again for the next request (its own context)", async () => {
    const user = await createTestUser(getDb(), { roles: ["coordinator"] });
    const request = makeRequest("/office", { cookie: await sessionCookie(user.id) });
    const lookups = vi.spyOn(getLucia(), "validateSession");
    expect((await getActor(copyOf(request), {}))?.userId).toBe(user.id);
    expect((await getActor(copyOf(request), {}))?.userId).toBe(user.id);
    expect(lookups).toHaveBeenCalledTimes(2);
  });
});
