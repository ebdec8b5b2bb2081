import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { resetEnvCache } from "../../../app/utils/env.server";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { deliverDueMail } from "../../../app/modules/mail/sender.server";
import { listInbox } from "../../../app/modules/office/inbox.server";
import { intakeReminderTask } from "../../../app/modules/volunteers/reminders.server";
import type { Actor } from "../../../app/auth/permissions";
import { transaction } from "../../../app/utils/db.server";
import { startSmtp } from "../../setup/smtp";
import { createTestUser, createTestVolunteer } from "../../factories";

const day = 86400_000;
const smtp = await startSmtp();
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await smtp.close();
});

const actorOf = (userId: string, roles: Actor["roles"]): Actor => ({ userId, email: "x@example.org", name: "X", locale: "de", emailVerified: true, roles, organisationIds: [] });

describe("intake reminders and the office inbox", () => {
  it("lists registrations awaiting intake for the office only; overdue ones are urgent", async () => {
    const now = new Date("2026-11-21T10:00:00Z");
    const coordinator = await createTestUser(getDb(), { roles: ["coordinator"], email: "office@example.org", name: "Office Person" });
    const fresh = await createTestVolunteer(getDb(), { name: "Frida Frisch", statusChangedAt: new Date(now.getTime() - 2 * day).toISOString() });
    const old = await createTestVolunteer(getDb(), { name: "Otto Alt", statusChangedAt: new Date(now.getTime() - 20 * day).toISOString() });
    await createTestVolunteer(getDb(), { name: "Aktiv Person", status: "active", statusChangedAt: new Date(now.getTime() - 40 * day).toISOString() });

    const items = (await listInbox(actorOf(coordinator.id, ["coordinator"]), now)).items.filter((i) => i.module === "volunteers");
    expect(items.map((i) => [i.values?.name, i.severity])).toEqual([
      ["Otto Alt", "urgent"],
      ["Frida Frisch", "normal"],
    ]);
    expect(items[0].href).toBe(`/office/volunteers/${old.id}`);
    const volunteerItems = (await listInbox(actorOf(fresh.id, ["volunteer"]), now)).items.filter((i) => i.module === "volunteers");
    expect(volunteerItems).toEqual([]);
    const memberItems = (await listInbox(actorOf(fresh.id, ["association_member"]), now)).items.filter((i) => i.module === "volunteers");
    expect(memberItems).toEqual([]);
  });

  it("mails the office once per occasion (injected clock), and the mail arrives over SMTP", async () => {
    process.env.SMTP_URL = smtp.url;
    resetEnvCache();
    const now = new Date("2026-11-21T10:00:00Z");
    const first = await transaction((trx) => intakeReminderTask.run(trx, now));
    expect(first).toBe(1); // Otto Alt (20 days); Frida (2 days) is not due yet
    const mails = await getDb().selectFrom("outbox").selectAll().where("template", "=", "office-intake-reminder").execute();
    expect(mails).toHaveLength(1);
    expect(mails[0].to_address).toBe("office@example.org");
    expect(mails[0].text).toContain("Otto Alt");
    expect(mails[0].text).not.toContain("Frida");

    // The same day again, and the next day: nothing new for Otto.
    expect(await transaction((trx) => intakeReminderTask.run(trx, now))).toBe(0);
    expect(await transaction((trx) => intakeReminderTask.run(trx, new Date(now.getTime() + day)))).toBe(0);

    // 13 days later Frida is due (2 + 13 ≥ 14): one new reminder, only about her.
    expect(await transaction((trx) => intakeReminderTask.run(trx, new Date(now.getTime() + 13 * day)))).toBe(1);
    const latest = await getDb().selectFrom("outbox").selectAll().where("template", "=", "office-intake-reminder").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(latest.text).toContain("Frida Frisch");
    expect(latest.text).not.toContain("Otto");

    const sent = await deliverDueMail({ now: new Date(now.getTime() + 14 * day) });
    expect(sent.sent).toBeGreaterThanOrEqual(2);
    const received = await smtp.waitFor("office@example.org");
    expect(received.subject).toContain("Erstgespräche");
  });

  it("runs as part of the daily jobs", async () => {
    const now = new Date("2027-03-01T10:00:00Z");
    await createTestVolunteer(getDb(), { name: "Später Person", statusChangedAt: new Date(now.getTime() - 15 * day).toISOString() });
    const results = await runDailyJobs({ now, force: true });
    expect(results?.["volunteer-intake-reminder"]).toBe(1);
  });
});
