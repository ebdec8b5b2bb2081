import { can, organisationScope } from "~/auth/permissions";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { berlinDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { derived } from "~/utils/derived-cache.server";
import { certificateConfig, listDeletableInspections, listDueReinspections } from "./certificates.server";

// The items are the same for every office member and change only with the data (ADR 0012):
// computed over all inspections and hours once per day and data version, not on every inbox view.
const cfgKey = () => {
  const c = certificateConfig();
  return `${c.reinspectYears}:${c.reminderDays}:${c.deleteAfterMonths}`;
};

/** Office inbox items of the coverage module (appended to `inboxProviders`). */

// A task kind (certificate-reinspection): not read when the actor works the queue.
const certificatesDue: InboxProvider = async (actor, now, ctx) => {
  if (ctx?.tasksInQueue || !can(actor, "manage:certificate:any")) return [];
  const today = berlinDay(now);
  const rows = await derived(`inbox:certificates-due:${today}:${cfgKey()}`, ["coverage", "users"], () => listDueReinspections(getDb(), today));
  return rows.map((r) => ({
    id: `certificate-due-${r.id}`,
    module: "coverage",
    titleKey: r.overdue ? "coverage:inbox.certificateOverdue" : "coverage:inbox.certificateDue",
    values: { name: r.volunteerName, date: r.dueOn },
    href: "/office/certificates",
    severity: r.overdue ? "urgent" : "normal",
    date: r.dueOn,
  }));
};

const certificateDeletions: InboxProvider = async (actor, now) => {
  if (!can(actor, "manage:certificate:any")) return [];
  const today = berlinDay(now);
  const rows = await derived(`inbox:certificate-deletions:${today}:${cfgKey()}`, ["coverage"], () => listDeletableInspections(getDb(), today));
  return rows.map((r) => ({
    id: `certificate-deletion-${r.id}`,
    module: "coverage",
    titleKey: "coverage:inbox.certificateDeletion",
    values: { date: r.deletionDay },
    href: "/office/certificates",
    severity: "urgent",
    date: r.deletionDay,
  }));
};

/** One item per organisation with hours waiting; urgent when the oldest waits longer than the reminder limit. A task kind (hours-confirm). */
const hoursToConfirm: InboxProvider = async (actor, now, ctx) => {
  const scope = organisationScope(actor, "decide:hours");
  if (!scope || ctx?.tasksInQueue) return [];
  const all = scope.all;
  let q = getDb()
    .selectFrom("hours_entry")
    .innerJoin("assignment", "assignment.id", "hours_entry.assignment_id")
    .innerJoin("organisation", "organisation.id", "assignment.organisation_id")
    .select((eb) => ["organisation.id", "organisation.name", eb.fn.countAll<number>().as("count"), eb.fn.min("hours_entry.created_at").as("oldest")])
    .where("hours_entry.status", "=", "submitted")
    .groupBy(["organisation.id", "organisation.name"]);
  if (!scope.all) q = q.where("assignment.organisation_id", "in", scope.organisationIds);
  const limit = new Date(now.getTime() - env().HOURS_PENDING_REMINDER_DAYS * 86400_000).toISOString();
  const rows = all ? await derived("inbox:hours-waiting", ["coverage", "organisations"], () => q.execute()) : await q.execute();
  return rows.map(
    (r): InboxItem => ({
      id: `hours-${r.id}`,
      module: "coverage",
      titleKey: "coverage:inbox.hoursToConfirm",
      values: { count: Number(r.count), organisation: r.name },
      href: "/office/hours",
      severity: String(r.oldest) < limit ? "urgent" : "normal",
      date: String(r.oldest),
    }),
  );
};

export const coverageInboxProviders: InboxProvider[] = [certificatesDue, certificateDeletions, hoursToConfirm];
