import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { deliverDueMail } from "../../../app/modules/mail/sender.server";
import { approveBooking } from "../../../app/modules/rooms/decide-booking.server";
import { getDb } from "../../../app/utils/db.server";
import { resetEnvCache } from "../../../app/utils/env.server";
import { createTestBooking, createTestRoom, createTestUser } from "../../factories";
import { startSmtp } from "../../setup/smtp";
import { dayIn } from "./helpers";

let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await smtp.close();
});

describe("room mail through a real SMTP server", () => {
  it("the confirmation arrives in the requester's language with a parsable .ics attachment", async () => {
    const { id: roomId } = await createTestRoom(getDb());
    const u = await createTestUser(getDb(), { roles: ["coordinator"] });
    const actor: Actor = { userId: u.id, email: u.email, name: "K", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
    const b = await createTestBooking(getDb(), roomId, { status: "requested", locale: "ar", email: "arabisch@example.org", name: "Samira Beispiel", purpose: "Sprachcafé", startsAt: `${dayIn(7)}T17:00:00.000Z`, endsAt: `${dayIn(7)}T19:00:00.000Z` });
    await approveBooking(actor, b.id);
    await deliverDueMail();
    const mail = await smtp.waitFor("arabisch@example.org");
    // The loopback reader keeps the blanks between RFC 2047 encoded words; compare without them.
    expect(mail.subject.replace(/\s/g, "")).toContain("تمالتأكيد");
    expect(mail.headers["content-type"]).toMatch(/multipart\/mixed/);
    const part = /Content-Type: text\/calendar[\s\S]*?\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(mail.raw);
    expect(part).not.toBeNull();
    const encoded = part![1];
    const ics = /^[A-Za-z0-9+/=\r\n]+$/.test(encoded) ? Buffer.from(encoded.replace(/\r?\n/g, ""), "base64").toString("utf8") : encoded;
    const unfolded = ics.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(unfolded).toContain(`UID:booking-${b.id}@ehrenamt-hub`);
    expect(unfolded).toContain("TZID:Europe/Berlin");
    expect(unfolded).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T\d{6}\r\n/);
    expect(unfolded).toContain("END:VCALENDAR");
  });
});
