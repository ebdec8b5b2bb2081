import { Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Ltr } from "~/components/bdi";
import { formatDate, formatSlot, weekdayName } from "~/utils/dates";

/** An offer's date as the public pages get it (weekly slot or single date). */
export type OfferDateView = {
  kind: "weekly" | "single";
  weekday: number;
  start_time: string | null;
  end_time: string | null;
  valid_from: string | null;
  valid_until: string | null;
  starts_at: string | null;
  ends_at: string | null;
};

/**
 * A text of the offer (title or description) in the visitor's language, or the German text marked
 * as such: `lang="de"` on the text (screen readers switch voice, ADR 0022) and a short note.
 */
export function OfferText({ fallback, children, as = "span", pre }: { fallback: boolean; children: ReactNode; as?: "span" | "p" | "div"; pre?: boolean }) {
  const Tag = as;
  const style = pre ? { whiteSpace: "pre-line" as const } : undefined;
  return fallback ? (
    <Tag lang="de" dir="ltr" style={style}>
      {children}
    </Tag>
  ) : (
    <Tag style={style}>{children}</Tag>
  );
}

/** "Only in German" under a text shown in German on a page in another language. */
export function GermanNote({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return show ? (
    <Text size="sm" component="p" className="eh-offer-german-note">
      {t("directory:germanOnly")}
    </Text>
  ) : null;
}

/** One date for people: "Montag, 18:00–20:00 (ab 01.01.2027)" or "Mittwoch, 25.11.2026, 18:00–20:00". */
export function useDateLabel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (d: OfferDateView): ReactNode => {
    if (d.kind === "single" && d.starts_at && d.ends_at) return formatSlot(d.starts_at, d.ends_at, lang);
    const time = (
      <Ltr>
        {d.start_time}–{d.end_time}
      </Ltr>
    );
    const range = d.valid_until
      ? t("directory:dates.between", { from: formatDate(d.valid_from, lang), until: formatDate(d.valid_until, lang) })
      : d.valid_from
        ? t("directory:dates.since", { from: formatDate(d.valid_from, lang) })
        : "";
    return (
      <>
        {t("directory:dates.weekly", { day: weekdayName(d.weekday, lang, "long") })}, {time}
        {range ? ` (${range})` : null}
      </>
    );
  };
}

export function OfferDates({ dates }: { dates: readonly OfferDateView[] }) {
  const label = useDateLabel();
  if (!dates.length) return null;
  return (
    <ul className="eh-offer-dates">
      {dates.map((d, i) => (
        <li key={i}>{label(d)}</li>
      ))}
    </ul>
  );
}
