import { can } from "~/auth/permissions";
import type { InboxProvider } from "~/modules/office/inbox-types";
import { deadlineSeverity } from "./deadline";
import { listOpenRequests } from "./requests.server";

/**
 * The privacy desk's open requests in the office inbox (until the office's task queue exists; then
 * this provider is its source): severity from the deadline (overdue or due today: urgent; due
 * within a week: normal; later: info). A closed request leaves the inbox.
 */
export const privacyInboxProvider: InboxProvider = async (actor, now, ctx) => {
  // A task kind (privacy-request) for those who work the queue.
  if (ctx?.tasksInQueue || !can(actor, "manage:privacy")) return [];
  const rows = await listOpenRequests(now);
  return rows.map((r) => ({
    id: `privacy-${r.id}`,
    module: "privacy",
    titleKey: `privacy:inbox.${r.state === "closed" ? "open" : r.state}`,
    values: { id: r.id, name: r.requesterName, date: r.dueOn },
    href: `/office/privacy/${r.id}`,
    severity: deadlineSeverity(r.state),
    date: r.dueOn,
  }));
};
