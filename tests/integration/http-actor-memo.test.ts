/**
 * The actor is looked up once per request (app/auth/session.server.ts): Remix gives every loader
 * its own copy of the Request, but one load context per request (scripts/serve.ts), and the
 * actor is memoised in that context.
 */
import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as organisations from "../../app/routes/office.organisations._index";
import { getActor } from "../../app/auth/session.server";
import { getDb, recordQueries, type RecordedQuery } from "../../app/utils/db.server";
import { createTestUser } from "../factories";
import { makeRequest, sessionCookie } from "../setup/remix";


/** How many of these queries looked a session up (the session table, by its hashed token). */
const sessionLookups = (queries: RecordedQuery[]) => queries.filter((q) => /^select\b/i.test(q.sql) && /from "session"/i.test(q.sql)).length;

/** What Remix hands each loader of one request: a fresh copy of the request, the same context. */
const copyOf = (request: Request) => new Request(request.url, { method: request.method, headers: request.headers, signal: request.signal });

describe("the actor of a request", () => {
  it("is looked up once for the root loader and the page's loader together", async () => {
    const coordinator = await createTestUser(getDb(), { roles: ["coordinator"] });
    const request = makeRequest("/office/organisations", { cookie: await sessionCookie(coordinator.id) });
    const context = { nonce: "", clientIp: "127.0.0.1" };
    const { result: [rootData, page], queries } = await recordQueries(() =>
      Promise.all([root.loader({ request: copyOf(request), context, params: {} }), organisations.loader({ request: copyOf(request), context, params: {} })]),
    );
    expect(rootData.data.user?.email).toBe(coordinator.email);
    expect(page).toBeTruthy();
    expect(sessionLookups(queries)).toBe(1);
  });

  it("is looked up again for the next request (its own context)", async () => {
    const user = await createTestUser(getDb(), { roles: ["coordinator"] });
    const request = makeRequest("/office", { cookie: await sessionCookie(user.id) });
    const { queries } = await recordQueries(async () => {
      expect((await getActor(copyOf(request), {}))?.userId).toBe(user.id);
      expect((await getActor(copyOf(request), {}))?.userId).toBe(user.id);
    });
    expect(sessionLookups(queries)).toBe(2);
  });
});
