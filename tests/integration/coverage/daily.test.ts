import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { deliverDueMail } from "../../../app/modules/mail/sender.server";
import { startSmtp } from "../../setup/smtp";
import { withEnv } from "../helpers";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment, createTestHours, createTestInspection } from "../../factories/coverage";

// The clock is injected: every run below happens on a chosen Berlin day.
const at = (day: string) => new Date(`${day}T08:00:00.000Z`);
const outboxTo = (email: string) => getDb().selectFrom("outbox").selectAll().where("to_address", "=", email).orderBy("id").execute();

let coordinator: string;
let orgId: number;

beforeAll(async () => {
  coordinator = (await createTestUser(getDb(), { roles: ["coordinator"], email: "koordination@example.org" })).id;
  orgId = (await createTestOrganisation(getDb(), { name: "Jugendtreff e.V.", email: "buero@jugendtreff.example.org", contactName: "Jana Büro" })).id;
});

describe("certificate deletion", () => {
  it("deletes 3 months after the last assignment with minors ends, not a day earlier", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"] });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, worksWithMinors: true, startDay: "2025-09-01", endDay: "2026-01-31" });
    const { id } = await createTestInspection(getDb(), { volunteerId: v.id, inspectedBy: coordinator, certificateDate: "2025-08-01", inspectedOn: "2025-08-20" });
    await runDailyJobs({ now: at("2026-04-29"), force: true });
    expect(await getDb().selectFrom("certificate_inspection").select("id").where("id", "=", id).executeTakeFirst()).toBeTruthy();
    const results = await runDailyJobs({ now: at("2026-04-30"), force: true });
    expect(results!["coverage-certificate-deletion"]).toBeGreaterThanOrEqual(1);
    expect(await getDb().selectFrom("certificate_inspection").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
    const audit = await getDb().selectFrom("audit_log").selectAll().where("entity", "=", "certificate").where("entity_id", "=", String(id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "delete", actor_user_id: null });
  });

  it("deletes at once when no assignment with minors starts (closed before its start)", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"] });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, worksWithMinors: true, startDay: "2026-06-01", closedOn: "2026-05-15" });
    const { id } = await createTestInspection(getDb(), { volunteerId: v.id, inspectedBy: coordinator, certificateDate: "2026-04-01", inspectedOn: "2026-05-02" });
    await runDailyJobs({ now: at("2026-05-16"), force: true });
    expect(await getDb().selectFrom("certificate_inspection").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });

  it("keeps the record while an assignment with minors runs without end", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"] });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, worksWithMinors: true, startDay: "2026-01-01" });
    const { id } = await createTestInspection(getDb(), { volunteerId: v.id, inspectedBy: coordinator });
    await runDailyJobs({ now: at("2030-01-01"), force: true });
    expect(await getDb().selectFrom("certificate_inspection").select("id").where("id", "=", id).executeTakeFirst()).toBeTruthy();
  });
});

describe("reminders, each once per occasion, in the recipient's language", () => {
  it("re-inspection due in 60 days: mails the volunteer once", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"], locale: "ar", email: "amira@example.org", name: "Amira" });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, worksWithMinors: true, startDay: "2021-09-01" });
    await createTestInspection(getDb(), { volunteerId: v.id, inspectedBy: coordinator, certificateDate: "2021-08-01", inspectedOn: "2021-08-15" });
    await runDailyJobs({ now: at("2026-06-01"), force: true });
    expect(await outboxTo(v.email)).toHaveLength(0);
    await runDailyJobs({ now: at("2026-06-02"), force: true });
    await runDailyJobs({ now: at("2026-06-03"), force: true });
    const mails = await outboxTo(v.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "certificate-reinspection-due", locale: "ar", subject: "يجب تجديد شهادة حسن السيرة الخاصة بك" });
    expect(mails[0].text).toContain("http://localhost:3000/me/certificate");
  });

  it("assignment end approaching: mails the volunteer once, in English", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"], locale: "en", email: "ends@example.org", name: "Eve" });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, activity: "Bike repair", startDay: "2026-01-01", endDay: "2026-07-20" });
    await runDailyJobs({ now: at("2026-07-05"), force: true });
    expect(await outboxTo(v.email)).toHaveLength(0);
    await runDailyJobs({ now: at("2026-07-06"), force: true });
    await runDailyJobs({ now: at("2026-07-07"), force: true });
    const mails = await outboxTo(v.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Your assignment ends soon");
    expect(mails[0].text).toContain("Bike repair");
  });

  it("hours waiting more than 14 days: one mail to the organisation, once per entry", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"] });
    const { id: a } = await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator });
    await createTestHours(getDb(), { assignmentId: a, createdAt: "2026-03-01T10:00:00.000Z" });
    await createTestHours(getDb(), { assignmentId: a, createdAt: "2026-03-02T10:00:00.000Z" });
    await createTestHours(getDb(), { assignmentId: a, createdAt: "2026-03-02T10:00:00.000Z", status: "confirmed" });
    await runDailyJobs({ now: at("2026-03-15"), force: true });
    expect(await outboxTo("buero@jugendtreff.example.org")).toHaveLength(0);
    await runDailyJobs({ now: at("2026-03-17"), force: true });
    await runDailyJobs({ now: at("2026-03-18"), force: true });
    const mails = await outboxTo("buero@jugendtreff.example.org");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: "hours-awaiting-confirmation", locale: "de" });
    expect(mails[0].text).toContain("2 gemeldete Stundeneinträge für Jugendtreff e.V.");
  });

  it("hours of an organisation with members: each member is told in their own language, the organisation's address not", async () => {
    const club = (await createTestOrganisation(getDb(), { name: "Fußball Anrath e.V.", email: "post@fussball.example.org" })).id;
    await createTestUser(getDb(), { roles: ["association_member"], organisationIds: [club], locale: "ar", email: "trainer@example.org", name: "Karim" });
    await createTestUser(getDb(), { roles: ["association_member"], organisationIds: [club], locale: "uk", email: "kasse@example.org", name: "Olena" });
    const v = await createTestUser(getDb(), { roles: ["volunteer"] });
    const { id: a } = await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: club, createdBy: coordinator });
    await createTestHours(getDb(), { assignmentId: a, createdAt: "2026-10-01T10:00:00.000Z" });
    await runDailyJobs({ now: at("2026-10-20"), force: true });
    await runDailyJobs({ now: at("2026-10-21"), force: true });
    const ar = await outboxTo("trainer@example.org");
    const uk = await outboxTo("kasse@example.org");
    expect(ar).toHaveLength(1);
    expect(uk).toHaveLength(1);
    expect(ar[0]).toMatchObject({ template: "hours-awaiting-confirmation", locale: "ar" });
    expect(uk[0]).toMatchObject({ template: "hours-awaiting-confirmation", locale: "uk" });
    expect(ar[0].subject).not.toBe(uk[0].subject);
    expect(await outboxTo("post@fussball.example.org")).toHaveLength(0);
  });

  it("no re-inspection reminder once the assignment with minors has ended (the record only waits for deletion)", async () => {
    const v = await createTestUser(getDb(), { roles: ["volunteer"], email: "ended-minors@example.org" });
    await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, worksWithMinors: true, startDay: "2021-09-01", endDay: "2026-05-31" });
    await createTestInspection(getDb(), { volunteerId: v.id, inspectedBy: coordinator, certificateDate: "2021-08-01", inspectedOn: "2021-08-15" });
    await runDailyJobs({ now: at("2026-06-15"), force: true });
    expect(await outboxTo(v.email)).toHaveLength(0);
  });

  it("an organisation without an address: the coordinators are told", async () => {
    const silent = (await createTestOrganisation(getDb(), { name: "Stille Initiative", legalForm: "initiative", email: null })).id;
    const v = await createTestUser(getDb(), { roles: ["volunteer"] });
    const { id: a } = await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: silent, createdBy: coordinator });
    await createTestHours(getDb(), { assignmentId: a, createdAt: "2026-09-01T10:00:00.000Z" });
    await runDailyJobs({ now: at("2026-09-20"), force: true });
    const mails = await outboxTo("koordination@example.org");
    expect(mails.some((m) => m.text.includes("Stille Initiative"))).toBe(true);
  });
});

describe("reminder delivery", () => {
  it("arrives at the loopback SMTP server in the recipient's language (Ukrainian)", async () => {
    const smtp = await startSmtp();
    const restore = withEnv({ SMTP_URL: smtp.url });
    try {
      const v = await createTestUser(getDb(), { roles: ["volunteer"], locale: "uk", email: "olena@example.org", name: "Olena" });
      await createTestAssignment(getDb(), { volunteerId: v.id, organisationId: orgId, createdBy: coordinator, activity: "Fahrdienst", startDay: "2026-01-01", endDay: "2026-10-10" });
      await runDailyJobs({ now: at("2026-10-01"), force: true });
      await deliverDueMail({ now: at("2026-10-01") });
      const mail = await smtp.waitFor("olena@example.org");
      expect(mail.subject).toBe("Ваше призначення скоро закінчується");
      expect(mail.text).toContain("Fahrdienst");
      expect(mail.text).toContain("10.10.2026");
    } finally {
      restore();
      await smtp.close();
    }
  });
});
