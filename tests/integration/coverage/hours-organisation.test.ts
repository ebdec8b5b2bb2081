/**
 * An hours entry's copy of its assignment's organisation (migration 0067), which the hours list
 * filters on: kept by the database on both engines, whatever a command writes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment, createTestHours } from "../../factories/coverage";

let orgA: number;
let orgB: number;
let assignmentA: number;
let assignmentB: number;
const organisationOf = async (id: number) => (await getDb().selectFrom("hours_entry").select("organisation_id").where("id", "=", id).executeTakeFirstOrThrow()).organisation_id;

beforeAll(async () => {
  const db = getDb();
  const office = await createTestUser(db, { roles: ["coordinator"] });
  const v = await createTestVolunteer(db, { name: "Olga Ordnung" });
  orgA = (await createTestOrganisation(db, { name: "Kopie A e.V." })).id;
  orgB = (await createTestOrganisation(db, { name: "Kopie B e.V." })).id;
  assignmentA = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgA, createdBy: office.id })).id;
  assignmentB = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgB, createdBy: office.id })).id;
});

describe("an hours entry's organisation", () => {
  it("is its assignment's when written", async () => {
    const { id } = await createTestHours(getDb(), { assignmentId: assignmentA });
    expect(await organisationOf(id)).toBe(orgA);
  });

  it("cannot be set to another organisation", async () => {
    const { id } = await createTestHours(getDb(), { assignmentId: assignmentA });
    await getDb().updateTable("hours_entry").set({ organisation_id: orgB } as never).where("id", "=", id).execute();
    expect(await organisationOf(id)).toBe(orgA);
  });

  it("follows the entry to another assignment, and the assignment to another organisation", async () => {
    const db = getDb();
    const { id } = await createTestHours(db, { assignmentId: assignmentA });
    await db.updateTable("hours_entry").set({ assignment_id: assignmentB }).where("id", "=", id).execute();
    expect(await organisationOf(id)).toBe(orgB);
    const orgC = (await createTestOrganisation(db, { name: "Kopie C e.V." })).id;
    await db.updateTable("assignment").set({ organisation_id: orgC }).where("id", "=", assignmentB).execute();
    expect(await organisationOf(id)).toBe(orgC);
    const others = await db.selectFrom("hours_entry").select("id").where("organisation_id", "is", null).execute();
    expect(others).toEqual([]);
  });
});
