import { beforeAll, describe, expect, it } from "vitest";
import * as me from "../../app/routes/me._index";
import * as inbox from "../../app/routes/office._index";
import * as orgDetail from "../../app/routes/office.organisations.$id";
import * as orgList from "../../app/routes/office.organisations._index";
import * as orgNew from "../../app/routes/office.organisations.new";
import * as outboxDetail from "../../app/routes/office.outbox.$id";
import * as outboxList from "../../app/routes/office.outbox._index";
import * as userDetail from "../../app/routes/office.users.$id";
import * as userList from "../../app/routes/office.users._index";
import * as verein from "../../app/routes/verein._index";
import { enqueueMail } from "../../app/modules/mail/outbox.server";
import { getDb, transaction } from "../../app/utils/db.server";
import { makeRequest, run, type RouteResult } from "../setup/remix";
import { createTestUser } from "../factories";
import { actors, rowCounts } from "./helpers";

type Who = "anonymous" | "volunteer" | "member" | "coordinator" | "admin";
type Case = {
  name: string;
  path: () => string;
  params: () => Record<string, string>;
  fn: Parameters<typeof run>[0];
  form?: () => Record<string, string | string[]>;
  allowed: Who[];
};

let a: Awaited<ReturnType<typeof actors>>;
let outboxId: number;
let failedMailId: number;
let target: { id: string };
const orgForm = () => ({
  intent: "save",
  name: "Neuer Verein e.V.",
  legalForm: "registered_association",
  insurer: "Versicherung AG",
  policyNumber: "P-1",
  policyValidUntil: "2030-01-01",
});

beforeAll(async () => {
  a = await actors();
  await transaction((trx) => enqueueMail(trx, { to: "someone@example.org", locale: "de", template: "password-changed-notice", data: { name: "X" } }));
  const row = await getDb().selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  outboxId = row.id;
  await transaction((trx) => enqueueMail(trx, { to: "failed@example.org", locale: "de", template: "password-changed-notice", data: { name: "Y" } }));
  failedMailId = (await getDb().selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirstOrThrow()).id;
  await getDb().updateTable("outbox").set({ status: "failed" }).execute();
  // Role changes end the target's sessions: use a user nobody logs in as.
  target = await createTestUser(getDb(), { roles: ["volunteer"] });
});

const OFFICE: Who[] = ["coordinator", "admin"];
const ADMIN: Who[] = ["admin"];
const cases: Case[] = [
  { name: "office inbox", path: () => "/office", params: () => ({}), fn: inbox.loader, allowed: OFFICE },
  { name: "organisation list", path: () => "/office/organisations?q=x", params: () => ({}), fn: orgList.loader, allowed: OFFICE },
  { name: "new organisation (page)", path: () => "/office/organisations/new", params: () => ({}), fn: orgNew.loader, allowed: OFFICE },
  { name: "new organisation (save)", path: () => "/office/organisations/new", params: () => ({}), fn: orgNew.action, form: orgForm, allowed: OFFICE },
  { name: "organisation (page)", path: () => `/office/organisations/${a.own.id}`, params: () => ({ id: String(a.own.id) }), fn: orgDetail.loader, allowed: OFFICE },
  { name: "organisation (save)", path: () => `/office/organisations/${a.own.id}`, params: () => ({ id: String(a.own.id) }), fn: orgDetail.action, form: () => ({ ...orgForm(), name: "Eigener Verein e.V." }), allowed: OFFICE },
  { name: "outbox list", path: () => "/office/outbox", params: () => ({}), fn: outboxList.loader, allowed: ADMIN },
  { name: "outbox message (page)", path: () => `/office/outbox/${outboxId}`, params: () => ({ id: String(outboxId) }), fn: outboxDetail.loader, allowed: ADMIN },
  { name: "outbox message (retry)", path: () => `/office/outbox/${outboxId}`, params: () => ({ id: String(outboxId) }), fn: outboxDetail.action, form: () => ({ intent: "retry" }), allowed: ADMIN },
  { name: "user list", path: () => "/office/users", params: () => ({}), fn: userList.loader, allowed: ADMIN },
  { name: "user (page)", path: () => `/office/users/${target.id}`, params: () => ({ id: target.id }), fn: userDetail.loader, allowed: ADMIN },
  { name: "user (roles)", path: () => `/office/users/${target.id}`, params: () => ({ id: target.id }), fn: userDetail.action, form: () => ({ intent: "roles", roles: "volunteer" }), allowed: ADMIN },
  { name: "own account (page)", path: () => "/me", params: () => ({}), fn: me.loader, allowed: ["volunteer", "member", "coordinator", "admin"] },
  { name: "verein home", path: () => "/verein", params: () => ({}), fn: verein.loader, allowed: ["member"] },
];

const cookieOf = (who: Who) => (who === "anonymous" ? undefined : a[who].cookie);
const call = (c: Case, who: Who): Promise<RouteResult> =>
  run(c.fn, makeRequest(c.path(), { cookie: cookieOf(who), form: c.form?.(), method: c.form ? "POST" : "GET" }), c.params());

describe("authorisation per role", () => {
  for (const c of cases) {
    describe(c.name, () => {
      it("sends anonymous visitors to the login page and back", async () => {
        const res = await call(c, "anonymous");
        expect(res.status).toBe(302);
        expect(res.location).toBe(`/login?redirectTo=${encodeURIComponent(c.path())}`);
      });
      for (const who of ["volunteer", "member", "coordinator", "admin"] as const) {
        const allowed = c.allowed.includes(who);
        it(`${allowed ? "allows" : "forbids (403)"} ${who}`, async () => {
          const before = c.form ? await rowCounts() : undefined;
          const res = await call(c, who);
          if (allowed) {
            expect([200, 302]).toContain(res.status);
            if (res.status === 302) expect(res.location).not.toMatch(/^\/login/);
          } else {
            expect(res.status).toBe(403);
            // A forbidden write writes nothing.
            if (before) expect(await rowCounts()).toEqual(before);
          }
        });
      }
    });
  }

  it("the profile action refuses anonymous visitors", async () => {
    const res = await run(me.action, makeRequest("/me", { form: { intent: "change-profile", name: "Niemand" } }));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Fme");
  });

  it("an association member sees exactly their own organisations on /verein", async () => {
    const res = await run(verein.loader, makeRequest("/verein", { cookie: a.member.cookie }));
    expect(res.status).toBe(200);
    expect(res.data.organisations.map((o: { id: number }) => o.id)).toEqual([a.own.id]);
  });

  it("the coordinator's inbox lists expiring policies, the admin's also failed mail", async () => {
    const c = await run(inbox.loader, makeRequest("/office", { cookie: a.coordinator.cookie }));
    const ad = await run(inbox.loader, makeRequest("/office", { cookie: a.admin.cookie }));
    expect(c.data.items.some((i: { module: string }) => i.module === "mail")).toBe(false);
    expect(ad.data.items.some((i: { href: string }) => i.href === `/office/outbox/${failedMailId}`)).toBe(true);
  });

  it("the office sees all organisations, with members only for the office", async () => {
    const res = await run(orgDetail.loader, makeRequest(`/office/organisations/${a.own.id}`, { cookie: a.coordinator.cookie }), { id: String(a.own.id) });
    expect(res.data.organisation.members.map((m: { id: string }) => m.id)).toContain(a.member.id);
  });
});

describe("bad ids are 404", () => {
  const ids = ["abc", "999999", "1e3", "0", "-1", "1.5", "12abc", "0x10", " 1", "99999999999999999999"];
  for (const id of ids) {
    it(`organisation ${JSON.stringify(id)}`, async () => {
      const path = `/office/organisations/${encodeURIComponent(id)}`;
      expect((await run(orgDetail.loader, makeRequest(path, { cookie: a.coordinator.cookie }), { id })).status).toBe(404);
      const before = await rowCounts();
      expect((await run(orgDetail.action, makeRequest(path, { cookie: a.coordinator.cookie, form: { intent: "archive" } }), { id })).status).toBe(404);
      expect(await rowCounts()).toEqual(before);
    });
    it(`outbox message ${JSON.stringify(id)}`, async () => {
      const path = `/office/outbox/${encodeURIComponent(id)}`;
      expect((await run(outboxDetail.loader, makeRequest(path, { cookie: a.admin.cookie }), { id })).status).toBe(404);
      expect((await run(outboxDetail.action, makeRequest(path, { cookie: a.admin.cookie, form: { intent: "retry" } }), { id })).status).toBe(404);
    });
  }
  for (const id of ["abc", "999999", "1e3", "zzzzzzzzzzzzzzzz", "../etc/passwd", "A".repeat(50)]) {
    it(`user ${JSON.stringify(id)}`, async () => {
      const path = `/office/users/${encodeURIComponent(id)}`;
      expect((await run(userDetail.loader, makeRequest(path, { cookie: a.admin.cookie }), { id })).status).toBe(404);
      expect((await run(userDetail.action, makeRequest(path, { cookie: a.admin.cookie, form: { intent: "roles", roles: "admin" } }), { id })).status).toBe(404);
    });
  }

  it("an unknown intent is a 400 and writes nothing", async () => {
    const before = await rowCounts();
    const p = { id: String(a.other.id) };
    const res = await run(orgDetail.action, makeRequest(`/office/organisations/${a.other.id}`, { cookie: a.coordinator.cookie, form: { intent: "drop-table" } }), p);
    expect(res.status).toBe(400);
    const u = await run(userDetail.action, makeRequest(`/office/users/${target.id}`, { cookie: a.admin.cookie, form: { intent: "make-god" } }), { id: target.id });
    expect(u.status).toBe(400);
    const m = await run(me.action, makeRequest("/me", { cookie: a.volunteer.cookie, form: { intent: "delete-everything" } }));
    expect(m.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });
});
