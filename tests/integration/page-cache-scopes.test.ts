import { beforeAll, describe, expect, it } from "vitest";
import * as queue from "../../app/routes/office.rooms.requests";
import { readScopeVersions } from "../../db/cache-scopes";
import { getDb, getEngine } from "../../app/utils/db.server";
import { createTestBooking, createTestOrganisation, createTestRoom, createTestUser } from "../factories";
import { createTestHousehold, createTestNeed } from "../factories/donations";
import { makeRequest, run, sessionCookie } from "../setup/remix";

// The public page cache and the derived sets trust these versions: every write that changes what
// they show must bump its scope in the same transaction (triggers of migration 0010).

// Read as the caches read them, on either engine (PostgreSQL adds the scope's bump rows).
async function versions(): Promise<Record<string, number>> {
  return Object.fromEntries(await readScopeVersions(getDb(), getEngine()));
}

let roomId: number;
let office: string;

beforeAll(async () => {
  ({ id: roomId } = await createTestRoom(getDb()));
  const coordinator = await createTestUser(getDb(), { roles: ["coordinator"] });
  office = await sessionCookie(coordinator.id);
});

describe("cache scope versions", () => {
  it("has a version for each scope the public pages and derived sets name", async () => {
    expect(Object.keys(await versions()).sort()).toEqual(["coverage", "donations", "offers", "organisations", "rooms", "seal", "sponsorships", "tasks", "users", "volunteers"]);
  });

  it("bumps rooms when the office approves a request, and not on unrelated writes", async () => {
    const booking = await createTestBooking(getDb(), roomId, { status: "requested" });
    const before = await versions();
    const someone = await createTestUser(getDb(), { roles: ["volunteer"] });
    await getDb().insertInto("audit_log").values({ actor_user_id: null, action: "view", entity: "x", entity_id: "1", created_at: new Date().toISOString(), details: null }).execute();
    // A new account changes the names lists show ("users"), and so does its role (the users list
    // counts per role since migration 0070): two writes, two bumps; nothing else moves.
    const afterUser = await versions();
    expect(afterUser).toEqual({ ...before, users: before.users + 2 });
    // A new password is not a name: no version moves.
    await getDb().updateTable("user").set({ password_hash: "x" }).where("id", "=", someone.id).execute();
    expect(await versions()).toEqual(afterUser);
    await getDb().updateTable("user").set({ name: "Neu Name" }).where("id", "=", someone.id).execute();
    expect((await versions()).users).toBe(afterUser.users + 1);

    const res = await run(queue.action, makeRequest("/office/rooms/requests", { form: { bookingId: String(booking.id), intent: "approve" }, cookie: office }));
    expect(res.status).toBe(302);
    expect((await getDb().selectFrom("booking").select("status").where("id", "=", booking.id).executeTakeFirstOrThrow()).status).toBe("confirmed");
    const after = await versions();
    expect(after.rooms).toBeGreaterThan(before.rooms);
    expect(after.donations).toBe(before.donations);
  });

  it("bumps rooms on a deleted blackout and an edited room, donations on needs, organisations on organisations", async () => {
    const v0 = await versions();
    const blackout = await getDb()
      .insertInto("room_blackout")
      .values({ room_id: roomId, starts_at: "2030-01-01T00:00:00.000Z", ends_at: "2030-01-02T00:00:00.000Z", reason: "Wartung", created_at: new Date().toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await getDb().deleteFrom("room_blackout").where("id", "=", blackout.id).execute();
    await getDb().updateTable("room").set({ capacity: 25 }).where("id", "=", roomId).execute();
    const v1 = await versions();
    expect(v1.rooms - v0.rooms).toBe(3);

    const household = await createTestHousehold(getDb());
    await createTestNeed(getDb(), household.id);
    const v2 = await versions();
    expect(v2.donations).toBeGreaterThan(v1.donations);
    expect(v2.rooms).toBe(v1.rooms);

    await createTestOrganisation(getDb());
    expect((await versions()).organisations).toBeGreaterThan(v2.organisations);

    // An edited household (its district shows on /spenden and in the inbox) bumps donations (migration 0017).
    const v3 = await versions();
    await getDb().updateTable("household").set({ district_id: null }).where("id", "=", household.id).execute();
    expect((await versions()).donations).toBe(v3.donations + 1);
  });
});
