import { describe, expect, it } from "vitest";
import * as setLanguage from "../../../app/routes/set-language";
import { getDb } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { snapshotDb } from "../helpers";

describe("language switcher", () => {
  it("sets the cookie, keeps the choice for a logged-in user's mail, and goes back", async () => {
    const u = await createTestUser(getDb(), { locale: "de" });
    const res = await run(setLanguage.action, makeRequest("/set-language", { form: { lng: "ar", redirectTo: "/me?x=1" }, cookie: await sessionCookie(u.id) }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/me?x=1");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lng="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await getDb().selectFrom("user").select("locale").where("id", "=", u.id).executeTakeFirstOrThrow()).locale).toBe("ar");
  });

  it.each(["//evil.example", "https://evil.example", "/\t/evil.example", "/\\evil.example"])("never redirects off-site (%j)", async (redirectTo) => {
    const res = await run(setLanguage.action, makeRequest("/set-language", { form: { lng: "en", redirectTo } }));
    expect(res.location).toBe("/");
  });

  it.each(["xx", "<script>", "de'; DROP TABLE user;--", ""])("ignores an unknown language %j and writes nothing", async (lng) => {
    const u = await createTestUser(getDb(), { locale: "uk" });
    const cookie = await sessionCookie(u.id);
    const before = await snapshotDb();
    const res = await run(setLanguage.action, makeRequest("/set-language", { form: { lng, redirectTo: "/" }, cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("lng="))).toBe(false);
    expect(await snapshotDb()).toEqual(before);
  });
});
