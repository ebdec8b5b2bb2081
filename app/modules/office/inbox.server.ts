import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { listExpiringPolicies } from "~/modules/organisations/queries.server";
import { awaitingIntakeProvider } from "~/modules/volunteers/reminders.server";
import { donationsInboxProvider } from "~/modules/donations/inbox.server";
import { addDaysIso, berlinDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

/**
 * The office inbox: every module contributes items through a provider. An item is a
 * translation key with values, a link, a severity and a date for sorting. Providers see
 * the actor and return only what that actor may act on.
 */
export type InboxItem = {
  id: string;
  module: string;
  titleKey: string;
  values?: Record<string, string | number>;
  href: string;
  severity: "urgent" | "normal" | "info";
  date: string;
};
export type InboxProvider = (actor: Actor, now: Date) => Promise<InboxItem[]>;

const policyProvider: InboxProvider = async (actor, now) => {
  if (!can(actor, "manage:organisation:any")) return [];
  const today = berlinDay(now);
  const rows = await listExpiringPolicies(today, berlinDay(addDaysIso(now.toISOString(), 60)));
  return rows.map((r) => ({
    id: `policy-${r.id}`,
    module: "organisations",
    titleKey: r.policy_valid_until ? (r.expired ? "office:inbox.items.policyExpired" : "office:inbox.items.policyExpiring") : "office:inbox.items.policyMissing",
    values: { name: r.name, date: r.policy_valid_until ?? "" },
    href: `/office/organisations/${r.id}`,
    severity: r.expired ? "urgent" : "normal",
    date: r.policy_valid_until ?? today,
  }));
};

const failedMailProvider: InboxProvider = async (actor) => {
  if (!can(actor, "read:outbox:any")) return [];
  const rows = await getDb()
    .selectFrom("outbox")
    .select(["id", "to_address", "created_at", "template"])
    .where("status", "=", "failed")
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: `mail-${r.id}`,
    module: "mail",
    titleKey: "office:inbox.items.mailFailed",
    values: { to: r.to_address, template: r.template },
    href: `/office/outbox/${r.id}`,
    severity: "urgent",
    date: r.created_at,
  }));
};

export const inboxProviders: InboxProvider[] = [policyProvider, failedMailProvider, awaitingIntakeProvider, donationsInboxProvider];

const SEVERITY_ORDER = { urgent: 0, normal: 1, info: 2 } as const;

export async function listInbox(actor: Actor, now = new Date()): Promise<InboxItem[]> {
  const items = (await Promise.all(inboxProviders.map((p) => p(actor, now)))).flat();
  return items.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.date.localeCompare(b.date));
}
