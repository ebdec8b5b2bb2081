/**
 * The SQL forms of the cover rules (`cover-sql.server.ts`) must answer exactly as the rules in
 * `policy.ts`: every combination of start, end and closing day around the asked day, for every
 * kind of organiser, is run through both on a real database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { basisValidOnSql, coveredOnSql, currentOrUpcomingSql, runningOnSql } from "../../../app/modules/coverage/cover-sql.server";
import { isCoveredOn, isCurrentOrUpcoming, isRunningOn, type AssignmentFacts } from "../../../app/modules/coverage/policy";
import { toFacts } from "../../../app/modules/coverage/assignments.server";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";

const DAYS = ["2026-05-08", "2026-05-09", "2026-05-10", "2026-05-11", "2026-05-12"];
const AROUND = ["2026-05-09", "2026-05-10", "2026-05-11"];

beforeAll(async () => {
  const db = getDb();
  const c = await createTestUser(db, { roles: ["coordinator"] });
  const v = await createTestUser(db, { roles: ["volunteer"] });
  const organisers = [
    await createTestOrganisation(db, { legalForm: "city" }),
    await createTestOrganisation(db, { legalForm: "initiative" }),
    await createTestOrganisation(db, { legalForm: "other" }),
    await createTestOrganisation(db, { policyValidUntil: "2026-05-09" }),
    await createTestOrganisation(db, { policyValidUntil: "2026-05-10" }),
    await createTestOrganisation(db, { policyValidUntil: "2026-05-11" }),
    await createTestOrganisation(db, { insurer: null }),
    await createTestOrganisation(db, { insurer: "" }),
    await createTestOrganisation(db, { policyNumber: "" }),
    await createTestOrganisation(db, { policyValidUntil: null }),
  ];
  for (const org of organisers)
    for (const startDay of AROUND)
      for (const endDay of [null, ...AROUND])
        for (const closedOn of [null, "2026-05-01", ...AROUND]) {
          if (endDay !== null && endDay < startDay) continue;
          await createTestAssignment(db, { volunteerId: v.id, organisationId: org.id, createdBy: c.id, startDay, endDay, closedOn });
        }
});

describe("cover rules in SQL and in policy.ts agree", () => {
  it("running, current or upcoming, valid basis and covered, on every day around every boundary", async () => {
    const db = getDb();
    const { listAssignmentsOf } = await import("../../../app/modules/coverage/assignments.server");
    const volunteerId = (await db.selectFrom("assignment").select("volunteer_user_id").executeTakeFirstOrThrow()).volunteer_user_id;
    const facts = new Map<number, AssignmentFacts>((await listAssignmentsOf(volunteerId)).map((r) => [r.id, toFacts(r)]));
    expect(facts.size).toBeGreaterThan(400);
    let checked = 0;
    for (const day of DAYS) {
      const rows = await db
        .selectFrom("assignment as a")
        .innerJoin("organisation as o", "o.id", "a.organisation_id")
        .select(["a.id", runningOnSql("a", day).as("running"), currentOrUpcomingSql("a", day).as("current"), basisValidOnSql("o", day).as("basis"), coveredOnSql("a", "o", day).as("covered")])
        .execute();
      for (const r of rows) {
        const f = facts.get(r.id)!;
        const label = `${day} ${JSON.stringify({ ...f, id: undefined })}`;
        expect(!!r.running, label).toBe(isRunningOn(f, day));
        expect(!!r.current, label).toBe(isCurrentOrUpcoming(f, day));
        expect(!!r.covered, label).toBe(isCoveredOn([f], day).covered);
        checked++;
      }
    }
    expect(checked).toBe(facts.size * DAYS.length);
  });

  it("the grid reaches every answer (the test could fail)", async () => {
    const db = getDb();
    const rows = await db
      .selectFrom("assignment as a")
      .innerJoin("organisation as o", "o.id", "a.organisation_id")
      .select([runningOnSql("a", "2026-05-10").as("running"), coveredOnSql("a", "o", "2026-05-10").as("covered")])
      .execute();
    expect(new Set(rows.map((r) => `${!!r.running}/${!!r.covered}`))).toEqual(new Set(["true/true", "true/false", "false/false"]));
  });
});

describe("the facts table's 'insured today' and policy.ts agree", () => {
  it("one volunteer per boundary case: insured on each day exactly when isCoveredOn says so", async () => {
    const db = getDb();
    const { computeVolunteerFacts } = await import("../../../app/modules/coverage/volunteer-facts.server");
    const c = await createTestUser(db, { roles: ["coordinator"] });
    const organisers = [await createTestOrganisation(db, { legalForm: "city" }), await createTestOrganisation(db, { policyValidUntil: "2026-05-10" })];
    const cases = new Map<string, AssignmentFacts>();
    for (const org of organisers)
      for (const startDay of AROUND)
        for (const endDay of [null, ...AROUND])
          for (const closedOn of [null, "2026-05-01", ...AROUND]) {
            if (endDay !== null && endDay < startDay) continue;
            const v = await createTestUser(db, { roles: ["volunteer"] });
            await createTestAssignment(db, { volunteerId: v.id, organisationId: org.id, createdBy: c.id, startDay, endDay, closedOn });
            cases.set(v.id, toFacts((await listAssignmentsOfVolunteer(v.id))[0]));
          }
    let insured = 0;
    for (const day of DAYS) {
      const facts = new Map((await computeVolunteerFacts(db, day, [...cases.keys()])).map((f) => [f.user_id, f]));
      for (const [id, f] of cases) {
        const covered = isCoveredOn([f], day).covered;
        expect(facts.get(id)?.insured_today === 1, `${day} ${JSON.stringify({ ...f, id: undefined })}`).toBe(covered);
        if (covered) insured++;
      }
    }
    // Both answers occur (the test could fail).
    expect(insured).toBeGreaterThan(0);
    expect(insured).toBeLessThan(cases.size * DAYS.length);
  });
});

async function listAssignmentsOfVolunteer(id: string) {
  const { listAssignmentsOf } = await import("../../../app/modules/coverage/assignments.server");
  return listAssignmentsOf(id);
}
