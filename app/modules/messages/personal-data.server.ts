import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";

/**
 * DSGVO Art. 15/17 for group messages (issue #17): the messages a person received (subject in
 * their language, when, the state of their mail) and whether they opted out. Erasure removes both
 * and the person's copies of the mails in the outbox (address, name, text; not yet sent ones never
 * go out); the message keeps its count, so the record of what was sent to how many stays true. A
 * message still being sent skips an erased person (the send job reads erasure when it writes).
 */
export const messagesExporter: PersonalDataExporter = {
  name: "messages",
  run: async (trx, userId) => {
    const [received, optOut] = await Promise.all([
      trx
        .selectFrom("message_recipient as r")
        .innerJoin("message as m", "m.id", "r.message_id")
        .leftJoin("message_text as t", (j) => j.onRef("t.message_id", "=", "r.message_id").onRef("t.locale", "=", "r.locale"))
        .leftJoin("outbox as o", "o.id", "r.outbox_id")
        .select(["t.subject", "r.locale as language", "m.sent_at", "o.status as delivery"])
        .where("r.user_id", "=", userId)
        .orderBy("m.sent_at")
        .execute(),
      trx.selectFrom("message_opt_out").select(["opted_out_at"]).where("user_id", "=", userId).execute(),
    ]);
    return { groupMessages: received, groupMessageOptOut: optOut };
  },
};

export const messagesEraser: PersonalDataEraser = {
  name: "messages",
  run: async (trx, userId) => {
    await trx
      .deleteFrom("outbox")
      .where("id", "in", trx.selectFrom("message_recipient").select("outbox_id").where("user_id", "=", userId).where("outbox_id", "is not", null))
      .execute();
    await trx.deleteFrom("message_recipient").where("user_id", "=", userId).execute();
    await trx.deleteFrom("message_opt_out").where("user_id", "=", userId).execute();
  },
};
