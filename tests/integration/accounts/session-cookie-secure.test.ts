import { afterAll, describe, expect, it } from "vitest";
import * as login from "../../../app/routes/login";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { makeRequest, run } from "../../setup/remix";
import { withEnv } from "../helpers";

// The session library is configured once per process (on first use), as in production, so the
// variable is set before anything in this file touches it; this file has a module graph of its own.
const restore = withEnv({ COOKIE_SECURE: "true" });
afterAll(() => restore());

describe("session cookie with COOKIE_SECURE=true", () => {
  it("is Secure, HttpOnly and SameSite=Lax", async () => {
    const u = await createTestUser(getDb(), { email: "secure@example.org" });
    const res = await run(login.action, makeRequest("/login", { form: { email: u.email, password: u.password } }));
    expect(res.status).toBe(302);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("eh_session="))!;
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });
});
