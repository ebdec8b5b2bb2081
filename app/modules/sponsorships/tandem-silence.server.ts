import type { Kysely } from "kysely";
import type { DB } from "@db/schema";
import type { DailyTask } from "~/modules/jobs/daily-types";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { berlinDay, formatDate } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { firstNameOf } from "./meetings-link.server";
import { factsFrom, tandemWithProgramme } from "./tandem-queries.server";
import { silenceAction } from "./tandem-rules";
import { writeTandemEvent } from "./tandem-steps.server";

/**
 * Silence detection (daily job): no meeting for the programme's `silence_days` → one friendly
 * nudge mail to the sponsor; after a second such period one item for the office (the inbox shows
 * it until a meeting is logged or the tandem ends). `nudged_on` / `office_alerted_on` remember
 * what was done for the current silence, so a rerun on the same or a later day never nudges twice.
 */
export async function detectSilentTandems(trx: Kysely<DB>, now: Date): Promise<number> {
  const today = berlinDay(now);
  const running = await tandemWithProgramme(trx)
    .innerJoin("user as u", "u.id", "t.volunteer_user_id")
    .select(["u.name as sponsorName", "u.email as sponsorEmail", "u.locale as sponsorLocale", "u.disabled_at as sponsorDisabledAt"])
    .where("t.status", "in", ["trial", "active"])
    .orderBy("t.id")
    .execute();
  let done = 0;
  for (const t of running) {
    // The silence does not depend on the trial's meeting count.
    const { facts, rules } = factsFrom(t, 0);
    const action = silenceAction(facts, rules, today);
    if (!action) continue;
    if (action.kind === "nudge") {
      await trx.updateTable("tandem").set({ nudged_on: today }).where("id", "=", t.id).execute();
      if (!t.sponsorDisabledAt)
        await enqueueMail(trx, {
          to: t.sponsorEmail,
          locale: t.sponsorLocale,
          template: "tandem-silence-nudge",
          data: { name: firstNameOf(t.sponsorName), code: t.code, days: action.silentDays, since: formatDate(action.referenceDay, t.sponsorLocale), url: `${env().BASE_URL}/me/sponsorships/${t.id}` },
          now,
        });
      await writeTandemEvent(trx, { tandemId: t.id, kind: "silence_nudge", note: action.referenceDay, actorId: null, now });
    } else {
      await trx.updateTable("tandem").set({ office_alerted_on: today }).where("id", "=", t.id).execute();
      await writeTandemEvent(trx, { tandemId: t.id, kind: "silence_office", note: action.referenceDay, actorId: null, now });
    }
    done++;
  }
  return done;
}

export const tandemSilenceTask: DailyTask = { name: "tandem-silence", run: detectSilentTandems };
