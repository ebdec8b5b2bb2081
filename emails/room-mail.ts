import type { TFunction } from "i18next";
import type { MailContent } from "./layout";

/** What every room booking message carries: dates already formatted in the recipient's language. */
export type RoomMailData = {
  name: string;
  room: string;
  dates: string[];
  url?: string;
  reason?: string;
  keyPlace?: string;
  keyHours?: string;
  /** Set when the key text is not in the mail's language (German, no translation entered): the HTML marks it. */
  keyPlaceLang?: string;
  keyHoursLang?: string;
  /** The room's note on the fee (confirmations), and its language when not the mail's. */
  feeNote?: string;
  feeNoteLang?: string;
};

/** The shared shape of the room messages: intro, the dates, optional reason, a link. */
export function roomMail(t: TFunction, key: string, d: RoomMailData, extra: string[] = []): MailContent {
  return {
    subject: t(`rooms.${key}.subject`, { room: d.room }),
    greeting: t("greeting", { name: d.name }),
    paragraphs: [
      t(`rooms.${key}.intro`, { room: d.room }),
      ...d.dates.map((x) => `• ${x}`),
      ...(d.reason ? [t("rooms.reason", { reason: d.reason })] : []),
      ...extra,
      ...(d.url ? [] : [t("rooms.keepLink")]),
    ],
    action: d.url ? { label: t(`rooms.${key}.action`), url: d.url } : undefined,
    footer: t("footer"),
  };
}
