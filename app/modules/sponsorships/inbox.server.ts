import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import type { InboxItem, InboxProvider } from "~/modules/office/inbox-types";
import { derived } from "~/utils/derived-cache.server";
import { getDb } from "~/utils/db.server";
import { OPEN_PROPOSAL_STATUSES } from "./candidates.server";

const LIMIT = 50;

/**
 * The requests and proposals part of the office inbox: requests from the public form not taken up
 * yet (one line), sponsors who accepted and wait for the household's agreement, and open requests
 * that need a (new) proposal because every sponsor asked declined, or that came back for a
 * re-match with priority.
 */
export const sponsorshipRequestsInboxProvider: InboxProvider = async (actor: Actor, _now, ctx) => {
  if (!can(actor, "manage:sponsorship:any")) return [];
  // New requests and accepted proposals are task kinds (sponsorship-request, sponsorship-accepted):
  // not read when the actor works the queue.
  const tasks = ctx?.tasksInQueue ?? false;
  // The same for every office member (no dates in it): kept under the scopes of the tables it
  // reads (households bump "donations", names "users"; ADR 0049).
  return derived(`inbox:sponsorship-requests:${tasks}`, ["sponsorships", "donations", "users"], () => requestItems(tasks));
};

async function requestItems(tasks: boolean): Promise<InboxItem[]> {
  const db = getDb();
  const items: InboxItem[] = [];

  const fresh = tasks
    ? { n: 0, oldest: null }
    : await db
        .selectFrom("sponsorship_request as r")
        .innerJoin("household as h", "h.id", "r.household_id")
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("r.requested_at").as("oldest")])
        .where("r.status", "=", "new")
        .where("h.erased_at", "is", null)
        .executeTakeFirstOrThrow();
  if (Number(fresh.n) > 0) {
    items.push({ id: "sponsorship-requests-new", module: "sponsorships", titleKey: "sponsorships:inbox.newRequests", values: { count: Number(fresh.n) }, href: "/office/sponsorships?status=new", severity: "normal", date: String(fresh.oldest) });
  }

  const accepted = tasks
    ? []
    : await db
        .selectFrom("sponsorship_proposal as p")
        .innerJoin("sponsorship_request as r", "r.id", "p.request_id")
        .innerJoin("household as h", "h.id", "r.household_id")
        .innerJoin("user as u", "u.id", "p.volunteer_user_id")
        .select(["p.id", "p.decided_at", "r.id as requestId", "h.code", "u.name"])
        .where("p.status", "=", "accepted")
        .where("p.household_agreed_at", "is", null)
        .where("r.status", "in", ["new", "open"])
        .where("h.erased_at", "is", null)
        .orderBy("p.decided_at")
        .limit(LIMIT)
        .execute();
  for (const p of accepted) {
    items.push({
      id: `sponsorship-accepted-${p.id}`,
      module: "sponsorships",
      titleKey: "sponsorships:inbox.accepted",
      values: { name: p.name, code: p.code },
      href: `/office/sponsorships/requests/${p.requestId}`,
      severity: "normal",
      date: p.decided_at ?? "",
    });
  }

  const waiting = await db
    .selectFrom("sponsorship_request as r")
    .innerJoin("household as h", "h.id", "r.household_id")
    .select(["r.id", "r.priority", "r.requested_at", "h.code"])
    .where("r.status", "=", "open")
    .where("h.erased_at", "is", null)
    .where((eb) =>
      eb.and([
        eb.not(eb.exists(eb.selectFrom("sponsorship_proposal as o").select("o.id").whereRef("o.request_id", "=", "r.id").where("o.status", "in", [...OPEN_PROPOSAL_STATUSES]))),
        eb.or([eb("r.priority", ">", 0), eb.exists(eb.selectFrom("sponsorship_proposal as d").select("d.id").whereRef("d.request_id", "=", "r.id").where("d.status", "=", "declined"))]),
      ]),
    )
    .orderBy("r.priority", "desc")
    .orderBy("r.requested_at")
    .limit(LIMIT)
    .execute();
  for (const r of waiting) {
    items.push({
      id: `sponsorship-waiting-${r.id}`,
      module: "sponsorships",
      titleKey: r.priority > 0 ? "sponsorships:inbox.rematch" : "sponsorships:inbox.declined",
      values: { code: r.code },
      href: `/office/sponsorships/requests/${r.id}`,
      severity: r.priority > 0 ? "urgent" : "normal",
      date: r.requested_at,
    });
  }
  return items;
}
