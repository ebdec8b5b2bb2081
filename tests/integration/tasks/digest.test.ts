/**
 * The daily digest of the work queue (ADR 0036): only for office members who asked for it, in their
 * language, listing the tasks new since the last digest and the overdue ones (unassigned or theirs).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import type { Role } from "../../../db/schema";
import { taskDigestTask } from "../../../app/modules/tasks/daily.server";
import { setTaskDigest } from "../../../app/modules/tasks/queue.server";
import { openTask } from "../../../app/modules/tasks/tasks.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import { createTestUser } from "../../factories";

const db = () => getDb();
const DAY1 = new Date("2031-05-05T04:00:00.000Z");
const DAY2 = new Date("2031-05-06T04:00:00.000Z");
let de: Actor;
let ar: Actor;
let quiet: Actor;

async function actor(roles: Role[], name: string, locale: string): Promise<Actor> {
  const u = await createTestUser(db(), { roles, name, locale });
  return { userId: u.id, email: u.email, name, locale, emailVerified: true, roles, organisationIds: [] };
}
const mailsTo = (a: Actor) => db().selectFrom("outbox").selectAll().where("to_address", "=", a.email).where("template", "=", "task-digest").orderBy("id").execute();
const runDigest = (now: Date) => transaction((trx) => taskDigestTask.run(trx, now));

beforeAll(async () => {
  de = await actor(["coordinator"], "Jana Musterfrau", "de");
  ar = await actor(["coordinator"], "Samir Exempel", "ar");
  quiet = await actor(["coordinator"], "Greta Platzhalter", "de");
  // Signed up the evening before the first digest.
  await setTaskDigest(de, true, new Date("2031-05-04T18:00:00.000Z"));
  await setTaskDigest(ar, true, new Date("2031-05-04T18:00:00.000Z"));
  await transaction(async (trx) => {
    const at = new Date("2031-05-04T20:00:00.000Z");
    await openTask(trx, "hours-confirm", { recordId: "1", href: "/office/hours/1/decide", titleKey: "tasks:titles.hoursConfirm", values: { name: "Hanna Stunden", hours: 3, date: "2031-05-03", organisation: "Verein" }, dueOn: "2031-05-17" }, at);
    await openTask(trx, "sponsorship-request", { recordId: "2", href: "/office/sponsorships/requests/2", titleKey: "tasks:titles.sponsorshipRequest", values: { code: "H-0042" }, dueOn: "2031-05-01" }, new Date("2031-04-20T10:00:00.000Z"));
  });
});

describe("the task digest", () => {
  it("mails the subscribers their new and overdue tasks in their language; nobody else", async () => {
    expect(await runDigest(DAY1)).toBe(2);
    const [mail] = await mailsTo(de);
    expect(mail.subject).toBe("Ihre Aufgaben: 1 neu, 1 überfällig");
    const text = mail.text.replace(/[\u2066-\u2069]/g, "");
    expect(text).toContain("Eine neue Aufgabe:");
    expect(text).toContain("3 Stunden von Hanna Stunden am 03.05.2031 bestätigen (Verein) (fällig 17.05.2031)");
    expect(text).toContain("Eine überfällige Aufgabe:");
    expect(text).toContain("Neue Patenschaftsanfrage von Haushalt H-0042");
    expect(text).toContain("http://localhost:3000/office");

    const [arabic] = await mailsTo(ar);
    expect(arabic.locale).toBe("ar");
    expect(arabic.subject).toContain("مهامك");
    expect(arabic.text).toContain("H-0042");
    expect(arabic.text).not.toContain("Patenschaftsanfrage");
    expect(await mailsTo(quiet)).toEqual([]);
  });

  it("the next day lists only what is new since, and what is still overdue; a colleague's task is left out", async () => {
    await transaction((trx) =>
      openTask(trx, "seal-screen", { recordId: "3", href: "/office/seal/3", titleKey: "seal:inbox.toScreen", values: { name: "Siegelverein e.V." }, dueOn: "2031-05-20" }, new Date("2031-05-05T12:00:00.000Z")),
    );
    // The overdue request is now Samir's: Jana's digest no longer lists it.
    await db().updateTable("task").set({ assignee_id: ar.userId }).where("kind", "=", "sponsorship-request").execute();
    await runDigest(DAY2);
    const mails = await mailsTo(de);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe("Ihre Aufgaben: 1 neu, 0 überfällig");
    expect(mails[1].text).toContain("Siegelantrag von");
    expect(mails[1].text).not.toContain("Hanna Stunden");
    expect(mails[1].text).not.toContain("H-0042");
    expect((await mailsTo(ar))[1].text).toContain("H-0042");
  });

  it("sends nothing when there is nothing new or overdue, and nothing after opting out", async () => {
    await db().updateTable("task").set({ status: "done", open_key: null }).execute();
    await runDigest(new Date("2031-05-07T04:00:00.000Z"));
    expect(await mailsTo(de)).toHaveLength(2);
    await setTaskDigest(de, false);
    expect(await db().selectFrom("task_digest").select("user_id").where("user_id", "=", de.userId).execute()).toEqual([]);
  });
});
