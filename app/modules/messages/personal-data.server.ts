import type { PersonalDataEraser, PersonalDataExporter } from "~/modules/volunteers/personal-data-types";

/**
 * DSGVO Art. 15/17 for group messages (issue #17): the messages a person received (subject in
 * their language, when) and whether they opted out. Erasure removes both; the message keeps its
 * count, so the record of what was sent to how many stays true.
 */
export const messagesExporter: PersonalDataExporter = {
  name: "messages",
  run: async (trx, userId) => {
    const [received, optOut] = await Promise.all([
      trx
        .selectFrom("message_recipient as r")
        .innerJoin("message as m", "m.id", "r.message_id")
        .leftJoin("message_text as t", (j) => j.onRef("t.message_id", "=", "r.message_id").onRef("t.locale", "=", "r.locale"))
        .select(["t.subject", "r.locale as language", "m.sent_at"])
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
    await trx.deleteFrom("message_recipient").where("user_id", "=", userId).execute();
    await trx.deleteFrom("message_opt_out").where("user_id", "=", userId).execute();
  },
};
