import type { DailyTask } from "~/modules/jobs/daily-types";
import { enqueueMail } from "~/modules/mail/outbox.server";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { can } from "~/auth/permissions";
import { addDaysToDay, addMonthsToDay, berlinDay, formatDate } from "~/utils/dates";
import { derived } from "~/utils/derived-cache.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { interimDay, INTERIM_MONTHS, renewalDay, renewalDue, QUORUM } from "./rules";

/**
 * The seal's lifecycle (issue #15): the renewal invitation two months before an award runs out
 * (daily, once per award, idempotent), and the office inbox's items (applications to screen,
 * reviews complete and waiting for a decision, seals running out).
 */

export const sealRenewalTask: DailyTask = {
  name: "seal-renewal-reminders",
  run: async (trx, now) => {
    const today = berlinDay(now);
    // valid_until <= renewal window end ⇔ today >= renewalDay(valid_until); checked again by the pure rule.
    const candidates = await trx
      .selectFrom("seal_award as w")
      .innerJoin("seal_application as a", "a.id", "w.application_id")
      .innerJoin("organisation as o", "o.id", "w.organisation_id")
      .leftJoin("user as u", "u.id", "a.submitted_by")
      .select(["w.id", "w.valid_until", "w.revoked_at", "w.renewal_reminded_at", "o.name as organisation", "o.email as org_email", "u.email", "u.name", "u.locale"])
      .where("w.revoked_at", "is", null)
      .where("w.renewal_reminded_at", "is", null)
      .where("w.valid_until", ">=", today)
      .execute();
    let sent = 0;
    for (const w of candidates) {
      if (!renewalDue(w, today)) continue;
      const to = w.email ?? w.org_email;
      const locale = w.locale ?? "de";
      if (to) {
        await enqueueMail(trx, {
          to,
          locale,
          template: "seal-renewal",
          data: { name: w.name ?? w.organisation, organisation: w.organisation, validUntil: formatDate(w.valid_until, locale), url: `${env().BASE_URL}/verein/siegel` },
          now,
        });
      }
      await trx.updateTable("seal_award").set({ renewal_reminded_at: now.toISOString() }).where("id", "=", w.id).where("renewal_reminded_at", "is", null).execute();
      sent++;
    }
    return sent;
  },
};

export const sealInboxProvider: InboxProvider = async (actor, now, ctx) => {
  if (!can(actor, "manage:seal:any")) return [];
  const today = berlinDay(now);
  // Applications to screen and renewals are task kinds (seal-screen, seal-renewal): not read when
  // the actor works the queue.
  const tasks = ctx?.tasksInQueue ?? false;
  // The same for every office member: kept per day under the scopes of the tables it reads (ADR 0049).
  return derived(`inbox:seal:${today}:${tasks}`, ["seal", "organisations"], () => sealItems(today, tasks));
};

async function sealItems(today: string, tasks: boolean): Promise<InboxItem[]> {
  const db = getDb();
  const items: InboxItem[] = [];
  const toScreen = tasks
    ? []
    : await db
        .selectFrom("seal_application as a")
        .innerJoin("organisation as o", "o.id", "a.organisation_id")
        .select(["a.id", "a.submitted_at", "a.updated_at", "o.name"])
        .where("a.status", "=", "submitted")
        .orderBy("a.updated_at")
        .limit(50)
        .execute();
  for (const a of toScreen) {
    items.push({ id: `seal-screen-${a.id}`, module: "seal", titleKey: "seal:inbox.toScreen", values: { name: a.name }, href: `/office/seal/${a.id}`, severity: "normal", date: a.submitted_at ?? a.updated_at });
  }
  const reviewed = await db
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .innerJoin("seal_assignment as s", "s.application_id", "a.id")
    .innerJoin("seal_juror as j", "j.user_id", "s.juror_user_id")
    .select((eb) => ["a.id", "o.name", eb.fn.max("s.submitted_at").as("last")])
    .where("a.status", "=", "in_review")
    .where("s.conflict", "=", "none")
    .where("s.submitted_at", "is not", null)
    .where("j.removed_at", "is", null)
    .groupBy(["a.id", "o.name"])
    .having((eb) => eb(eb.fn.countAll(), ">=", QUORUM))
    .orderBy("a.id")
    .limit(50)
    .execute();
  for (const a of reviewed) {
    items.push({ id: `seal-decide-${a.id}`, module: "seal", titleKey: "seal:inbox.toDecide", values: { name: a.name }, href: `/office/seal/${a.id}`, severity: "normal", date: String(a.last) });
  }
  const expiring = tasks
    ? []
    : await db
        .selectFrom("seal_award as w")
        .innerJoin("organisation as o", "o.id", "w.organisation_id")
        .select(["w.application_id", "w.valid_until", "o.name"])
        .where("w.revoked_at", "is", null)
        .where("w.valid_until", ">=", today)
        .orderBy("w.valid_until")
        .limit(200)
        .execute();
  for (const w of expiring) {
    if (today < renewalDay(w.valid_until)) continue;
    items.push({ id: `seal-expiring-${w.application_id}`, module: "seal", titleKey: "seal:inbox.expiring", values: { name: w.name, date: w.valid_until }, href: `/office/seal/${w.application_id}`, severity: "info", date: w.valid_until });
  }
  // The optional interim check: valid awards a year old or more without a recorded check.
  const interim = await db
    .selectFrom("seal_award as w")
    .innerJoin("organisation as o", "o.id", "w.organisation_id")
    .select(["w.application_id", "w.awarded_on", "o.name"])
    .where("w.revoked_at", "is", null)
    .where("w.valid_until", ">=", today)
    .where("w.awarded_on", "<=", addMonthsToDay(today, -INTERIM_MONTHS))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("seal_event as e").select("e.id").whereRef("e.application_id", "=", "w.application_id").where("e.action", "=", "interim-check"))))
    .orderBy("w.awarded_on")
    .limit(50)
    .execute();
  for (const w of interim) {
    items.push({ id: `seal-interim-${w.application_id}`, module: "seal", titleKey: "seal:inbox.interimDue", values: { name: w.name, date: interimDay(w.awarded_on) }, href: `/office/seal/${w.application_id}`, severity: "info", date: interimDay(w.awarded_on) });
  }
  // Conditions of an award due within two weeks, or overdue, and not yet fulfilled.
  const conditions = await db
    .selectFrom("seal_condition as c")
    .innerJoin("seal_application as a", "a.id", "c.application_id")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["c.id", "c.application_id", "c.due_on", "o.name"])
    .where("c.fulfilled_at", "is", null)
    .where("c.due_on", "<=", addDaysToDay(today, 14))
    .orderBy("c.due_on")
    .limit(50)
    .execute();
  for (const c of conditions) {
    items.push({ id: `seal-condition-${c.id}`, module: "seal", titleKey: c.due_on < today ? "seal:inbox.conditionOverdue" : "seal:inbox.conditionDue", values: { name: c.name, date: c.due_on }, href: `/office/seal/${c.application_id}`, severity: c.due_on < today ? "urgent" : "normal", date: c.due_on });
  }
  return items;
}
