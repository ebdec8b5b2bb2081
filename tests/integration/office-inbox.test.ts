import { describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/permissions";
import { INBOX_HINTS_PER_MODULE, INBOX_ITEMS_PER_MODULE, inboxProviders, listInbox } from "../../app/modules/office/inbox.server";

const office: Actor = { userId: "o", email: "o@example.org", name: "O", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };

describe("office inbox", () => {
  it("shows at most a fixed number of items per module, urgent first, and sums up the rest with a link to the queue", async () => {
    const provider = async () =>
      Array.from({ length: 40 }, (_, i) => ({
        id: `x-${i}`,
        module: "rooms" as const,
        titleKey: "rooms:inbox.request",
        href: `/office/rooms/bookings/${i}`,
        severity: i === 39 ? ("urgent" as const) : ("normal" as const),
        date: `2030-01-${String((i % 28) + 1).padStart(2, "0")}`,
      }));
    inboxProviders.push(provider);
    try {
      const inbox = await listInbox(office, new Date("2029-12-01T00:00:00Z"));
      const rooms = inbox.items.filter((i) => i.module === "rooms");
      expect(rooms).toHaveLength(INBOX_ITEMS_PER_MODULE);
      expect(rooms[0].id).toBe("x-39");
      expect(inbox.more).toContainEqual({ module: "rooms", count: 40 - INBOX_ITEMS_PER_MODULE, href: "/office/rooms/requests" });
      // Below the work queue (the actor works it) the hints are fewer per module.
      const below = await listInbox(office, new Date("2029-12-01T00:00:00Z"), { tasksInQueue: true });
      expect(below.items.filter((i) => i.module === "rooms").map((i) => i.id)).toEqual(rooms.slice(0, INBOX_HINTS_PER_MODULE).map((i) => i.id));
      expect(below.more).toContainEqual({ module: "rooms", count: 40 - INBOX_HINTS_PER_MODULE, href: "/office/rooms/requests" });
    } finally {
      inboxProviders.splice(inboxProviders.indexOf(provider), 1);
    }
  });
});
