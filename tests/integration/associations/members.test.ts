/**
 * /verein/:id/mitglieder (issue #15): admins invite by e-mail (a link that expires; only its hash is
 * stored), set member or admin, remove members, never the last admin (also when two admins act at
 * once, on both engines: ADR 0026); another association's admin gets 404 on all of it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import * as members from "../../../app/routes/verein.$id.mitglieder";
import * as accept from "../../../app/routes/verein.einladung.$token";
import * as profile from "../../../app/routes/verein.$id.profil";
import { removeMember, setMemberRole } from "../../../app/modules/associations/members.server";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestInvite } from "../../factories/associations";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

let orgId: number;
let otherOrgId: number;
let admin: { id: string; email: string; cookie: string };
let otherAdmin: { id: string; email: string; cookie: string };
let plainMember: { id: string; email: string; cookie: string };

async function user(roles: Array<"volunteer" | "association_member"> = ["volunteer"], email?: string) {
  const u = await createTestUser(getDb(), { roles, email });
  return { ...u, cookie: await sessionCookie(u.id) };
}

const actorOf = (u: { id: string; email: string }, organisationIds: number[]): Actor => ({ userId: u.id, email: u.email, name: "Admin", locale: "de", emailVerified: true, roles: ["association_member"], organisationIds });

beforeAll(async () => {
  admin = await user([]);
  otherAdmin = await user([]);
  plainMember = await user([]);
  orgId = (await createTestAssociation(getDb(), { name: "Eigener Verein e.V.", adminIds: [admin.id], memberIds: [plainMember.id] })).id;
  otherOrgId = (await createTestAssociation(getDb(), { name: "Anderer Verein e.V.", adminIds: [otherAdmin.id] })).id;
});

const page = (id: number, cookie: string) => run(members.loader, makeRequest(`/verein/${id}/mitglieder`, { cookie }), { id: String(id) });
const post = (id: number, cookie: string, form: Record<string, string>) => run(members.action, makeRequest(`/verein/${id}/mitglieder`, { form, cookie }), { id: String(id) });

describe("association members", () => {
  it("an admin sees the members; another association's admin and a plain member get 404; a volunteer 403", async () => {
    const own = await page(orgId, admin.cookie);
    expect(own.status).toBe(200);
    expect(own.data.members.map((m: { id: string }) => m.id).sort()).toEqual([admin.id, plainMember.id].sort());
    expect((await page(orgId, otherAdmin.cookie)).status).toBe(404);
    expect((await page(orgId, plainMember.cookie)).status).toBe(404);
    expect((await post(orgId, otherAdmin.cookie, { intent: "remove", userId: plainMember.id })).status).toBe(404);
    expect((await run(profile.loader, makeRequest(`/verein/${orgId}/profil`, { cookie: otherAdmin.cookie }), { id: String(orgId) })).status).toBe(404);
    const volunteer = await user(["volunteer"]);
    expect((await page(orgId, volunteer.cookie)).status).toBe(403);
    expect((await run(members.loader, makeRequest("/verein/abc/mitglieder", { cookie: admin.cookie }), { id: "abc" })).status).toBe(404);
    // The other association's member is still there.
    expect(await getDb().selectFrom("organisation_member").select("user_id").where("organisation_id", "=", orgId).where("user_id", "=", plainMember.id).executeTakeFirst()).toBeTruthy();
  });

  it("invites by e-mail: a link that works once for the invited, verified address; only the token's hash is stored", async () => {
    const res = await post(orgId, admin.cookie, { intent: "invite", email: "Neu@Example.org", asAdmin: "on" });
    expect(res.status).toBe(302);
    const mail = await getDb().selectFrom("outbox").selectAll().where("to_address", "=", "neu@example.org").where("template", "=", "association-invite").executeTakeFirstOrThrow();
    const token = /\/verein\/einladung\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const invite = await getDb().selectFrom("association_invite").selectAll().where("organisation_id", "=", orgId).where("email", "=", "neu@example.org").executeTakeFirstOrThrow();
    expect(invite.token_hash).not.toContain(token);
    expect(JSON.stringify(invite)).not.toContain(token);
    expect(invite.as_admin).toBe(1);
    expect(new Date(invite.expires_at).getTime() - new Date(invite.created_at).getTime()).toBe(14 * 86_400_000);

    // Anyone holding the link sees the association's name; accepting needs the account of that address.
    const view = await run(accept.loader, makeRequest(`/verein/einladung/${token}`), { token });
    expect(view.status).toBe(200);
    expect(view.data.organisationName).toBe("Eigener Verein e.V.");
    const stranger = await user(["volunteer"], "fremd@example.org");
    const wrong = await run(accept.action, makeRequest(`/verein/einladung/${token}`, { form: { intent: "accept" }, cookie: stranger.cookie }), { token });
    expect(wrong.status).toBe(400);
    expect(await getDb().selectFrom("organisation_member").select("user_id").where("user_id", "=", stranger.id).executeTakeFirst()).toBeUndefined();

    const invited = await user(["volunteer"], "neu@example.org");
    const ok = await run(accept.action, makeRequest(`/verein/einladung/${token}`, { form: { intent: "accept" }, cookie: invited.cookie }), { token });
    expect(ok.status).toBe(302);
    const m = await getDb().selectFrom("organisation_member").selectAll().where("user_id", "=", invited.id).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ organisation_id: orgId, association_admin: 1 });
    const roles = await getDb().selectFrom("user_role").select("role").where("user_id", "=", invited.id).orderBy("role").execute();
    expect(roles.map((r) => r.role)).toEqual(["association_member", "volunteer"]);
    // Single use.
    expect((await run(accept.loader, makeRequest(`/verein/einladung/${token}`), { token })).status).toBe(404);
    expect((await run(accept.action, makeRequest(`/verein/einladung/${token}`, { form: { intent: "accept" }, cookie: invited.cookie }), { token })).status).toBe(404);
    // Inviting a member again is a message at the field.
    const twice = await post(orgId, admin.cookie, { intent: "invite", email: "neu@example.org" });
    expect(twice.status).toBe(400);
    expect(twice.data.error.email).toEqual(["associations:errors.alreadyMember"]);
    // Clean up: the invited admin leaves again (another admin remains).
    await removeMember(actorOf(invited, [orgId]), orgId, invited.id);
  });

  it("an expired or withdrawn invitation is a 404", async () => {
    const expired = await createTestInvite(getDb(), orgId, "spaet@example.org", { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await run(accept.loader, makeRequest(`/verein/einladung/${expired.token}`), { token: expired.token })).status).toBe(404);
    const open = await createTestInvite(getDb(), orgId, "zurueck@example.org");
    const revoked = await post(orgId, admin.cookie, { intent: "revoke-invite", inviteId: String(open.id) });
    expect(revoked.status).toBe(302);
    expect((await run(accept.loader, makeRequest(`/verein/einladung/${open.token}`), { token: open.token })).status).toBe(404);
    // Another association's invitation cannot be withdrawn from here.
    const foreign = await createTestInvite(getDb(), otherOrgId, "fremd-einladung@example.org");
    expect((await post(orgId, admin.cookie, { intent: "revoke-invite", inviteId: String(foreign.id) })).status).toBe(404);
  });

  it("sets member or admin; the last admin can neither step down nor be removed", async () => {
    const solo = await user([]);
    const helper = await user([]);
    const id = (await createTestAssociation(getDb(), { adminIds: [solo.id], memberIds: [helper.id] })).id;
    const down = await post(id, solo.cookie, { intent: "set-role", userId: solo.id, role: "member" });
    expect(down.status).toBe(400);
    expect(down.data.error[""]).toEqual(["associations:errors.lastAdmin"]);
    const leave = await post(id, solo.cookie, { intent: "remove", userId: solo.id });
    expect(leave.status).toBe(400);
    // Appoint the helper; now the first admin may step down.
    expect((await post(id, solo.cookie, { intent: "set-role", userId: helper.id, role: "admin" })).status).toBe(302);
    expect((await post(id, solo.cookie, { intent: "set-role", userId: solo.id, role: "member" })).status).toBe(302);
    const rows = await getDb().selectFrom("organisation_member").select(["user_id", "association_admin"]).where("organisation_id", "=", id).execute();
    expect(Object.fromEntries(rows.map((r) => [r.user_id, r.association_admin]))).toEqual({ [solo.id]: 0, [helper.id]: 1 });
    // The helper removes the former admin, whose membership and role go.
    expect((await post(id, helper.cookie, { intent: "remove", userId: solo.id })).status).toBe(302);
    expect(await getDb().selectFrom("user_role").select("role").where("user_id", "=", solo.id).execute()).toEqual([]);
    // A user who is no member of it: 404.
    expect((await post(id, helper.cookie, { intent: "set-role", userId: otherAdmin.id, role: "admin" })).status).toBe(404);
  });

  it("two admins stepping down at once: one succeeds, the other is refused, one admin remains", async () => {
    const [a, b] = [await user([]), await user([])];
    const id = (await createTestAssociation(getDb(), { adminIds: [a.id, b.id] })).id;
    const outcomes = await Promise.all(
      [a, b].map((u) =>
        setMemberRole(actorOf(u, [id]), id, u.id, "member").then(
          () => "done",
          (e) => (isAppError(e) ? e.key : `crash: ${String(e)}`),
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(["associations:errors.lastAdmin", "done"]);
    const admins = await getDb().selectFrom("organisation_member").select("user_id").where("organisation_id", "=", id).where("association_admin", "=", 1).execute();
    expect(admins).toHaveLength(1);
  });

  it("two admins removing each other at once: one succeeds, one admin remains", async () => {
    const [a, b] = [await user([]), await user([])];
    const id = (await createTestAssociation(getDb(), { adminIds: [a.id, b.id] })).id;
    const outcomes = await Promise.all(
      [
        [a, b],
        [b, a],
      ].map(([by, target]) =>
        removeMember(actorOf(by, [id]), id, target.id).then(
          () => "removed",
          (e) => (isAppError(e) ? e.key : `crash: ${String(e)}`),
        ),
      ),
    );
    // The second one either sees itself removed (not an admin any more: 404) or would remove the last admin.
    expect(outcomes.filter((o) => o === "removed")).toHaveLength(1);
    expect(outcomes.filter((o) => o !== "removed")[0]).toMatch(/^(errors\.notFound|associations:errors\.lastAdmin)$/);
    const admins = await getDb().selectFrom("organisation_member").select("user_id").where("organisation_id", "=", id).where("association_admin", "=", 1).execute();
    expect(admins).toHaveLength(1);
  });

  it("five admins stepping down at once leave exactly one", async () => {
    const admins = await Promise.all(Array.from({ length: 5 }, () => user([])));
    const id = (await createTestAssociation(getDb(), { adminIds: admins.map((a) => a.id) })).id;
    const outcomes = await Promise.all(admins.map((u) => setMemberRole(actorOf(u, [id]), id, u.id, "member").then(() => "done", (e) => (isAppError(e) ? e.key : `crash: ${String(e)}`))));
    expect(outcomes.filter((o) => o === "done")).toHaveLength(4);
    expect(outcomes.filter((o) => o === "associations:errors.lastAdmin")).toHaveLength(1);
    const left = await getDb().selectFrom("organisation_member").select("user_id").where("organisation_id", "=", id).where("association_admin", "=", 1).execute();
    expect(left).toHaveLength(1);
  });
});
