import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import type { InboxContext, InboxEntry, InboxItem, InboxModule, InboxProvider } from "./inbox-types";
import { derived } from "~/utils/derived-cache.server";
import { coverageInboxProviders } from "~/modules/coverage/inbox.server";
import { listExpiringPolicies } from "~/modules/organisations/queries.server";
import { awaitingIntakeProvider } from "~/modules/volunteers/reminders.server";
import { roomInboxProvider } from "~/modules/rooms/inbox.server";
import { donationsInboxProvider } from "~/modules/donations/inbox.server";
import { tandemInboxProvider } from "~/modules/sponsorships/tandem-inbox.server";
import { sponsorshipRequestsInboxProvider } from "~/modules/sponsorships/inbox.server";
import { associationsInboxProvider } from "~/modules/associations/office.server";
import { sealInboxProvider } from "~/modules/seal/lifecycle.server";
import { privacyInboxProvider } from "~/modules/privacy/inbox.server";
import { addDaysIso, berlinDay } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

/**
 * The office inbox: every module contributes items through a provider. An item is a
 * translation key with values, a link, a severity and a date for sorting. Providers see
 * the actor and return only what that actor may act on. Every item says what and who (a
 * name, requester or household code in its values).
 *
 * Items of one kind may name a `group` (e.g. the room requests of one room and day): when at
 * least `INBOX_GROUP_MIN` items share it, the inbox shows one line with the count that opens to
 * the items (a `<details>`, so it works without JavaScript).
 */
export { INBOX_MODULES } from "./inbox-types";
export type { InboxContext, InboxEntry, InboxItem, InboxModule, InboxProvider } from "./inbox-types";

const policyProvider: InboxProvider = async (actor, now) => {
  if (!can(actor, "manage:organisation:any")) return [];
  const today = berlinDay(now);
  // The same for every office member: kept per day under the organisations' scope (ADR 0049).
  const rows = await derived(`inbox:policies:${today}`, ["organisations"], () => listExpiringPolicies(today, berlinDay(addDaysIso(now.toISOString(), 60))));
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

export const inboxProviders: InboxProvider[] = [policyProvider, failedMailProvider, awaitingIntakeProvider, ...coverageInboxProviders, roomInboxProvider, donationsInboxProvider, sponsorshipRequestsInboxProvider, tandemInboxProvider, associationsInboxProvider, sealInboxProvider, privacyInboxProvider];

const SEVERITY_ORDER = { urgent: 0, normal: 1, info: 2 } as const;

/** Where each module's full queue lives, for the "more" line when the inbox is capped. */
export const MODULE_QUEUES: Record<InboxModule, string> = {
  organisations: "/office/organisations",
  mail: "/office/outbox?status=failed",
  volunteers: "/office/volunteers?status=registered",
  coverage: "/office/hours",
  rooms: "/office/rooms/requests",
  donations: "/office/donations",
  sponsorships: "/office/sponsorships",
  seal: "/office/seal",
  privacy: "/office/privacy?status=open",
};

/** At most this many lines per module; the rest is summed up with a link to the module's queue. */
export const INBOX_ITEMS_PER_MODULE = 15;
/**
 * Below the work queue the inbox holds only the hints that are not tasks, second to the queue: this
 * many lines per module there, then the count with the link to the module's list.
 */
export const INBOX_HINTS_PER_MODULE = 5;
/** Items sharing a group key are shown as one line from this many on. */
export const INBOX_GROUP_MIN = 3;

export type Inbox = { items: InboxEntry[]; more: Array<{ module: InboxModule; count: number; href: string | null }> };

/**
 * Folds items that share a group key (at least `INBOX_GROUP_MIN`) into one entry at the place of the
 * first. A group lists at most `INBOX_ITEMS_PER_MODULE` of its items; the rest are counted with a
 * link to the module's list (a group of 50 waiting needs was 50 links on every view of the page).
 */
export function groupInboxItems(sorted: InboxItem[], perModule = INBOX_ITEMS_PER_MODULE): InboxEntry[] {
  const byKey = new Map<string, InboxItem[]>();
  for (const item of sorted) {
    if (!item.group) continue;
    const members = byKey.get(item.group.key);
    if (members) members.push(item);
    else byKey.set(item.group.key, [item]);
  }
  const out: InboxEntry[] = [];
  const placed = new Set<string>();
  for (const item of sorted) {
    const members = item.group ? byKey.get(item.group.key)! : [];
    if (!item.group || members.length < INBOX_GROUP_MIN) {
      out.push(item);
      continue;
    }
    if (placed.has(item.group.key)) continue;
    placed.add(item.group.key);
    const severity = members.reduce((s, m) => (SEVERITY_ORDER[m.severity] < SEVERITY_ORDER[s] ? m.severity : s), item.severity);
    out.push({
      ...item,
      id: `group-${item.group.key}`,
      titleKey: item.group.titleKey,
      values: { ...item.group.values, count: members.length },
      severity,
      // The children need no group of their own any more (less to send to the browser).
      children: members.slice(0, perModule).map(({ group: _group, ...child }) => child),
      more: members.length > perModule ? { count: members.length - perModule, href: MODULE_QUEUES[item.module] ?? null } : undefined,
    });
  }
  return out;
}

/**
 * `ctx.tasksInQueue`: the actor sees the work queue above, so the providers leave out (and do not
 * read) the items whose kinds are tasks (ADR 0036); without it, the inbox has every item.
 */
export async function listInbox(actor: Actor, now = new Date(), ctx: InboxContext = { tasksInQueue: false }): Promise<Inbox> {
  const flat = (await Promise.all(inboxProviders.map((p) => p(actor, now, ctx)))).flat();
  // Dates are ISO strings: compared as strings, not by locale (localeCompare is slow).
  flat.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const perModule = ctx.tasksInQueue ? INBOX_HINTS_PER_MODULE : INBOX_ITEMS_PER_MODULE;
  const all = groupInboxItems(flat, perModule);
  const shown = new Map<InboxModule, number>();
  const hidden = new Map<InboxModule, number>();
  const items = all.filter((item) => {
    const n = shown.get(item.module) ?? 0;
    if (n >= perModule) {
      hidden.set(item.module, (hidden.get(item.module) ?? 0) + 1);
      return false;
    }
    shown.set(item.module, n + 1);
    return true;
  });
  const more = [...hidden].map(([module, count]) => ({ module, count, href: MODULE_QUEUES[module] ?? null }));
  return { items, more };
}
