import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { getDb, transaction } from "../../../app/utils/db.server";
import { tasksReconcileTask } from "../../../app/modules/tasks/daily.server";
import { addDaysToDay, addYearsToDay, berlinDay } from "../../../app/utils/dates";
import { listInbox } from "../../../app/modules/office/inbox.server";
import * as inbox from "../../../app/routes/office._index";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";

const now = new Date();
const today = berlinDay(now);
const actor = (id: string, roles: Actor["roles"], organisationIds: number[] = []): Actor => ({ userId: id, email: "x@example.org", name: "X", locale: "de", emailVerified: true, roles, organisationIds });
let coordinator: string;
let orgA: number;

beforeAll(async () => {
  const db = getDb();
  coordinator = (await createTestUser(db, { roles: ["coordinator"] })).id;
  orgA = (await createTestOrganisation(db, { name: "Hausaufgaben e.V." })).id;
  const orgB = (await createTestOrganisation(db, { name: "Sport e.V." })).id;
  const v = await createTestUser(db, { roles: ["volunteer"], name: "Dana Due" });
  const a = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgA, createdBy: coordinator, worksWithMinors: true, startDay: addYearsToDay(today, -5) })).id;
  // Certificate dated 5 years minus 30 days ago: re-inspection due in 30 days.
  await createTestInspection(db, { volunteerId: v.id, inspectedBy: coordinator, certificateDate: addDaysToDay(addYearsToDay(today, -5), 30), inspectedOn: addDaysToDay(addYearsToDay(today, -5), 40) });
  // A record without any assignment with minors: due for deletion at once.
  const w = await createTestUser(db, { roles: ["volunteer"] });
  await createTestInspection(db, { volunteerId: w.id, inspectedBy: coordinator, inspectedOn: addDaysToDay(today, -1) });
  await createTestHours(db, { assignmentId: a, createdAt: new Date(now.getTime() - 20 * 86400_000).toISOString() });
  await createTestHours(db, { assignmentId: a });
  const b = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgB, createdBy: coordinator })).id;
  await createTestHours(db, { assignmentId: b });
});

describe("office inbox: coverage items", () => {
  it("coordinators see certificates due, deletions due and hours to confirm", async () => {
    // The providers still compute every item (association members read hours there, below) …
    const all = (await listInbox(actor(coordinator, ["coordinator"]), now)).items.filter((i) => i.module === "coverage");
    expect(all.map((i) => i.titleKey).sort()).toEqual(["coverage:inbox.certificateDeletion", "coverage:inbox.certificateDue", "coverage:inbox.hoursToConfirm", "coverage:inbox.hoursToConfirm"]);
    expect(all.find((i) => i.id === `hours-${orgA}`)).toMatchObject({ severity: "urgent", values: { count: 2, organisation: "Hausaufgaben e.V." }, href: "/office/hours" });
    // … but on /office, certificates due and hours to confirm are tasks of the work queue (ADR 0036),
    // opened by the daily job for these records made outside the commands; the deletions stay hints.
    await transaction((trx) => tasksReconcileTask.run(trx, now));
    const res = await run(inbox.loader, makeRequest("/office", { cookie: await sessionCookie(coordinator) }));
    const items = res.data.items.filter((i: { module: string }) => i.module === "coverage");
    expect(items.map((i: { titleKey: string }) => i.titleKey)).toEqual(["coverage:inbox.certificateDeletion"]);
    const tasks = res.data.queue.tasks.filter((t: { module: string }) => t.module === "coverage");
    expect(tasks.map((t: { titleKey: string }) => t.titleKey).sort()).toEqual(["coverage:inbox.certificateDue", "tasks:titles.hoursConfirm", "tasks:titles.hoursConfirm", "tasks:titles.hoursConfirm"]);
    expect(tasks.find((t: { titleKey: string }) => t.titleKey === "coverage:inbox.certificateDue").values.name).toBe("Dana Due");
  });

  it("association members get only their organisation's hours, never certificates; volunteers nothing", async () => {
    const member = await listInbox(actor("m1", ["association_member"], [orgA]), now);
    expect(member.items.map((i) => i.id)).toEqual([`hours-${orgA}`]);
    expect(await listInbox(actor("v1", ["volunteer"]), now)).toEqual({ items: [], more: [] });
  });
});
