import type { DailyTask } from "~/modules/jobs/daily-types";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { berlinDay, formatDate, addDaysToDay } from "~/utils/dates";
import { generateToken } from "~/utils/crypto.server";
import { addManageLink, closeOffer, manageUrl } from "./offers.server";
import { systemReason } from "./system-reasons";

export const EXPIRY_NOTICE_DAYS = 3;

/**
 * Daily: offers whose "available until" has passed end (reservations are released); offers
 * ending in three days get one notice (again only after the donor changed the date).
 */
export const offerExpiryTask: DailyTask = {
  name: "donation-offer-expiry",
  run: async (trx, now) => {
    const today = berlinDay(now);
    const expired = await trx.selectFrom("donation_offer").select("id").where("status", "=", "open").where("available_until", "<", today).execute();
    for (const o of expired) await closeOffer(trx, o.id, "expired", systemReason("offerExpired"), now);
    const soon = await trx
      .selectFrom("donation_offer")
      .select(["id", "donor_name", "donor_email", "donor_locale", "available_until"])
      .where("status", "=", "open")
      .where("review_state", "in", ["pending", "accepted"])
      .where("available_until", "<=", addDaysToDay(today, EXPIRY_NOTICE_DAYS))
      .where("expiry_notice_sent_at", "is", null)
      .execute();
    for (const o of soon) {
      if (o.donor_email) {
        // Only hashes of manage links are stored, so the notice carries a new link of its own;
        // the earlier links stay valid (ADR 0011).
        const token = generateToken();
        await addManageLink(trx, o.id, token, "expiry-notice", now);
        await enqueueMail(trx, {
          to: o.donor_email,
          locale: o.donor_locale,
          template: "donation-offer-expiring",
          data: { name: o.donor_name ?? "", date: formatDate(o.available_until, o.donor_locale), url: manageUrl(token) },
          now,
        });
      }
      await trx.updateTable("donation_offer").set({ expiry_notice_sent_at: now.toISOString() }).where("id", "=", o.id).execute();
    }
    return expired.length + soon.length;
  },
};
