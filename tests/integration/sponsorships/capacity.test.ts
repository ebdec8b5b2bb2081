/**
 * Capacity holds under concurrency (issue #14, ADR 0030): coordinators proposing one volunteer for
 * different requests at the same moment end with no more open proposals than the volunteer's
 * capacity. Runs on SQLite (BEGIN IMMEDIATE) and, with TEST_DATABASE_URL, on PostgreSQL
 * (SERIALIZABLE with retry): the same commands, the same answers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { proposeSponsor, recordHouseholdAgreement, answerProposal } from "../../../app/modules/sponsorships/proposals.server";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestUser, createTestVolunteer } from "../../factories";
import { createTestHousehold } from "../../factories/donations";
import { createTestProgramme, createTestRequest, makeTestSponsor } from "../../factories/sponsorships";

const db = () => getDb();
const actor = (userId: string, roles: Actor["roles"]): Actor => ({ userId, email: `${userId}@example.org`, name: "Test", locale: "de", emailVerified: true, roles, organisationIds: [] });
let coordinators: Actor[];
let programmeId: number;

async function requests(n: number) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = await createTestHousehold(db(), { code: `H-CAP${Math.random().toString(36).slice(2, 8).toUpperCase()}` });
    out.push((await createTestRequest(db(), h.id, { languages: ["de"] })).id);
  }
  return out;
}

async function sponsor(capacity: number) {
  const v = await createTestVolunteer(db(), { status: "active", name: `Sponsor ${capacity}-${Math.random().toString(36).slice(2, 6)}` });
  await makeTestSponsor(db(), v.id, { capacity });
  return v.id;
}

const openProposals = async (volunteerId: string) =>
  db().selectFrom("sponsorship_proposal").select("id").where("volunteer_user_id", "=", volunteerId).where("status", "in", ["proposed", "accepted"]).execute();

beforeAll(async () => {
  coordinators = [];
  for (let i = 0; i < 2; i++) coordinators.push(actor((await createTestUser(db(), { roles: ["coordinator"] })).id, ["coordinator"]));
  programmeId = (await createTestProgramme(db())).id;
});

describe("capacity under concurrency", () => {
  it("10 parallel proposals of a volunteer with capacity 1 for 10 requests: exactly one open proposal", async () => {
    const volunteerId = await sponsor(1);
    const ids = await requests(10);
    const results = await Promise.allSettled(ids.map((requestId, i) => proposeSponsor(coordinators[i % 2], requestId, volunteerId)));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(9);
    expect(failed.every((f) => isAppError(f.reason) && f.reason.key === "sponsorships:errors.noCapacity" && f.reason.field === "volunteerId")).toBe(true);
    expect(await openProposals(volunteerId)).toHaveLength(1);
    // One mail, for the one proposal.
    const email = (await db().selectFrom("user").select("email").where("id", "=", volunteerId).executeTakeFirstOrThrow()).email;
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", email).where("template", "=", "sponsorship-proposal").execute()).toHaveLength(1);
  });

  it("a capacity of 2 gives exactly two", async () => {
    const volunteerId = await sponsor(2);
    const ids = await requests(10);
    const results = await Promise.allSettled(ids.map((requestId, i) => proposeSponsor(coordinators[i % 2], requestId, volunteerId)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await openProposals(volunteerId)).toHaveLength(2);
  });

  it("a running tandem holds its place; a declined proposal frees it", async () => {
    const volunteerId = await sponsor(1);
    const [first, second, third] = await requests(3);
    const p1 = await proposeSponsor(coordinators[0], first, volunteerId);
    await answerProposal(actor(volunteerId, ["volunteer"]), p1, "accepted", undefined);
    await recordHouseholdAgreement(coordinators[0], first, p1, programmeId);
    // The tandem counts against the capacity although the proposal is no longer open.
    await expect(proposeSponsor(coordinators[1], second, volunteerId)).rejects.toMatchObject({ key: "sponsorships:errors.noCapacity" });
    await db().updateTable("tandem").set({ status: "ended", ended_on: "2026-12-01", end_reason: "goal_reached" }).where("volunteer_user_id", "=", volunteerId).execute();
    const p2 = await proposeSponsor(coordinators[1], second, volunteerId);
    await answerProposal(actor(volunteerId, ["volunteer"]), p2, "declined", "no_time");
    await expect(proposeSponsor(coordinators[0], third, volunteerId)).resolves.toBeGreaterThan(0);
    // Declined once for a request: not proposed for it again.
    await db().updateTable("sponsorship_proposal").set({ status: "withdrawn" }).where("volunteer_user_id", "=", volunteerId).where("request_id", "=", third).execute();
    await expect(proposeSponsor(coordinators[0], second, volunteerId)).rejects.toMatchObject({ key: "sponsorships:errors.notEligible" });
  });

  it("two parallel agreements for one request: one tandem, the other proposal closed", async () => {
    const [requestId] = await requests(1);
    const a = await sponsor(1);
    const b = await sponsor(1);
    const pa = await proposeSponsor(coordinators[0], requestId, a);
    const pb = await proposeSponsor(coordinators[1], requestId, b);
    await answerProposal(actor(a, ["volunteer"]), pa, "accepted", undefined);
    await answerProposal(actor(b, ["volunteer"]), pb, "accepted", undefined);
    const results = await Promise.allSettled([recordHouseholdAgreement(coordinators[0], requestId, pa, programmeId), recordHouseholdAgreement(coordinators[1], requestId, pb, programmeId)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().selectFrom("tandem").select("id").where("request_id", "=", requestId).execute()).toHaveLength(1);
    const statuses = await db().selectFrom("sponsorship_proposal").select(["status", "household_agreed_at"]).where("request_id", "=", requestId).execute();
    expect(statuses.filter((s) => s.household_agreed_at !== null)).toHaveLength(1);
    expect(statuses.filter((s) => s.status === "closed")).toHaveLength(1);
  });
});
