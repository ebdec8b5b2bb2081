import { beforeAll, describe, expect, it } from "vitest";
import * as publicFeed from "../../../app/routes/raum.$id.kalender[.]ics";
import * as privateFeed from "../../../app/routes/raum.feed.$token";
import * as createFeedRoute from "../../../app/routes/raum.buchung.$token_.kalender";
import * as revokeFeedsRoute from "../../../app/routes/raum.buchung.$token_.kalender-widerrufen";
import * as officeRooms from "../../../app/routes/office.rooms._index";
import { SUPPORTED_LANGUAGES } from "../../../app/i18n/config";
import { resources } from "../../../app/i18n/resources.server";
import { escapeText } from "../../../app/modules/rooms/ical";
import { getDb } from "../../../app/utils/db.server";
import { createTestBooking, createTestRoom, createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { dayIn } from "./helpers";

let roomId: number;
let confirmedId: number;
let token: string;

beforeAll(async () => {
  ({ id: roomId } = await createTestRoom(getDb()));
  const c = await createTestBooking(getDb(), roomId, { status: "confirmed", name: "Hanna Geheim", email: "hanna@example.org", purpose: "Geheimes Treffen", startsAt: `${dayIn(5)}T17:00:00.000Z`, endsAt: `${dayIn(5)}T19:00:00.000Z` });
  confirmedId = c.id;
  token = c.token;
  await createTestBooking(getDb(), roomId, { status: "requested", email: "hanna@example.org", purpose: "Noch offen", startsAt: `${dayIn(6)}T17:00:00.000Z`, endsAt: `${dayIn(6)}T19:00:00.000Z` });
});

const body = async (res: { data: unknown }) => String(res.data);

describe("iCalendar feeds", () => {
  it("the public feed shows confirmed times only, with stable UIDs and no personal data", async () => {
    const res = await run(publicFeed.loader, makeRequest(`/raum/${roomId}/kalender.ics`), { id: String(roomId) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    const ics = await body(res);
    expect(ics).toContain(`UID:booking-${confirmedId}@ehrenamt-hub`);
    expect(ics).toContain("SUMMARY:Gebucht");
    for (const secret of ["Hanna", "hanna@example.org", "Geheimes", "Noch offen"]) expect(ics).not.toContain(secret);
    expect((await run(publicFeed.loader, makeRequest("/raum/999/kalender.ics"), { id: "999" })).status).toBe(404);
    // Unchanged → 304 with the same ETag; a new confirmed booking changes it.
    const etag = res.headers.get("ETag")!;
    const again = await run(publicFeed.loader, makeRequest(`/raum/${roomId}/kalender.ics`, { headers: { "If-None-Match": etag } }), { id: String(roomId) });
    expect(again.status).toBe(304);
    await createTestBooking(getDb(), roomId, { status: "confirmed", startsAt: `${dayIn(8)}T08:00:00.000Z`, endsAt: `${dayIn(8)}T09:00:00.000Z` });
    const changed = await run(publicFeed.loader, makeRequest(`/raum/${roomId}/kalender.ics`, { headers: { "If-None-Match": etag } }), { id: String(roomId) });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
  });

  it("a private requester feed is created through the manage link, lists the requester's bookings, and can be revoked", async () => {
    const created = await run(createFeedRoute.action, makeRequest(`/raum/buchung/${token}/kalender`, { form: {} }), { token });
    const url: string = created.data.feedUrl;
    const feedToken = url.split("/").pop()!;
    const stored = await getDb().selectFrom("calendar_feed").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(feedToken);
    const feed = await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}`), { token: feedToken });
    expect(feed.status).toBe(200);
    const ics = await body(feed);
    expect(ics).toContain("Geheimes Treffen");
    expect(ics).toContain("STATUS:TENTATIVE");
    // The calendar's name is a translation, in the language the calendar app asks for.
    expect(ics).toContain("X-WR-CALNAME:Ehrenamt-Hub – meine Raumbuchungen");
    const english = await body(await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}`, { headers: { "Accept-Language": "en" } }), { token: feedToken }));
    expect(english).toContain("X-WR-CALNAME:Ehrenamt-Hub – my room bookings");
    // In every UI language (issue #18), each its own translation; long names folded at 75 octets.
    const names = new Set<string>();
    for (const lang of SUPPORTED_LANGUAGES) {
      const ics = await body(await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}`, { headers: { "Accept-Language": lang } }), { token: feedToken }));
      for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8"), `${lang}: ${line}`).toBeLessThanOrEqual(75);
      const name = (resources[lang].rooms as { calendarNames: { requester: string } }).calendarNames.requester;
      expect(ics.replace(/\r\n /g, ""), lang).toContain(`X-WR-CALNAME:${escapeText(name)}\r\n`);
      names.add(name);
    }
    expect(names.size).toBe(SUPPORTED_LANGUAGES.length);
    expect((await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}x`), { token: `${feedToken}x` })).status).toBe(404);
    // Opening the confirmation step revokes nothing; only its submit does.
    expect((await run(revokeFeedsRoute.loader, makeRequest(`/raum/buchung/${token}/kalender-widerrufen`), { token })).status).toBe(200);
    expect((await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}`), { token: feedToken })).status).toBe(200);
    await run(revokeFeedsRoute.action, makeRequest(`/raum/buchung/${token}/kalender-widerrufen`, { form: {} }), { token });
    expect((await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}`), { token: feedToken })).status).toBe(404);
  });

  it("the office feed has names; only the office can create it", async () => {
    const vol = await createTestUser(getDb(), { roles: ["volunteer"] });
    expect((await run(officeRooms.action, makeRequest("/office/rooms", { form: { intent: "create-feed" }, cookie: await sessionCookie(vol.id) }))).status).toBe(403);
    const coord = await createTestUser(getDb(), { roles: ["coordinator"] });
    const res = await run(officeRooms.action, makeRequest("/office/rooms", { form: { intent: "create-feed" }, cookie: await sessionCookie(coord.id) }));
    const feedToken = String(res.data.feedUrl).split("/").pop()!;
    const ics = await body(await run(privateFeed.loader, makeRequest(`/raum/feed/${feedToken}`), { token: feedToken }));
    expect(ics).toContain("Hanna Geheim");
  });

  it("the guest's calendar pages render, are never cached nor a referrer elsewhere, and an unknown link is a 404", async () => {
    for (const [step, mod] of [["kalender", createFeedRoute], ["kalender-widerrufen", revokeFeedsRoute]] as const) {
      const r = await renderRoute(mod as never, `/raum/buchung/${token}/${step}`, { params: { token } });
      expect([step, r.status]).toEqual([step, 200]);
      expect((mod.headers as () => Record<string, string>)()).toEqual({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });
      const unknown = "A".repeat(27);
      expect((await run(mod.loader as never, makeRequest(`/raum/buchung/${unknown}/${step}`), { token: unknown })).status).toBe(404);
    }
  });
});
