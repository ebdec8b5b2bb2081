import { TextInput } from "@mantine/core";
import type { ComponentProps, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isRtl } from "~/i18n/config";
import { localDigits } from "~/utils/dates";

/**
 * The one place that decides how a date, month or time field is typed (ADR 0043, decision 8).
 *
 * Chromium's `<input type="date">` and `type="month"` drop digits typed on a Persian or Arabic
 * keyboard („۱۲“, „١٢“; measured with Chromium 156 on fa, ar and de pages). On pages in a
 * right-to-left language (Arabic, Persian: the readers with those keyboards) such a field is a text
 * field with the digit keyboard: the value in ISO order (`YYYY-MM-DD`, `YYYY-MM`, `HH:MM`) in the
 * page's digits, and a translated format hint as its description. The browser reads typed digits
 * as Western digits while they are typed (`normalizeWhileTyping`, `inputMode`), the server reads
 * every form value so (`normalizeFormData`), and a GET filter reads its dates with `dateParam`.
 * A day may also be typed in the German order (`18.12.2026`) and a month month first (`12.2026`):
 * both are read as ISO when sent (ADR 0043 (9)).
 * On other pages dates and months stay the browser's pickers, and times (no picker here) are text
 * fields with the digit keyboard and the page's own placeholder or description.
 */
export type DateKind = "date" | "month" | "time";

const EXAMPLE: Record<DateKind, string> = { date: "2026-12-18", month: "2026-12", time: "18:30" };

export type DateInputProps = {
  type: "date" | "month" | "text";
  inputMode?: "numeric";
  defaultValue: string;
  /** The translated format hint, when the field is typed as text. */
  hint?: string;
  /**
   * Marks a field typed as text as a date, month or time field: the browser reads a month written
   * month first („12.2026“) only in such a field (`normalizeInputElement`), not in free text.
   */
  "data-date-kind"?: DateKind;
};

/** How a date, month or time field with this value is rendered on the current page. */
export function useDateInput(kind: DateKind, value: string | undefined | null): DateInputProps {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!isRtl(lang)) return kind === "time" ? { type: "text", inputMode: "numeric", defaultValue: value ?? "" } : { type: kind, defaultValue: value ?? "" };
  return {
    type: "text",
    inputMode: "numeric",
    "data-date-kind": kind,
    defaultValue: localDigits(value ?? "", lang),
    hint: t(`common:formats.${kind}`, { example: localDigits(EXAMPLE[kind], lang) }),
  };
}

/** A field's own description and the format hint, one after the other. */
export function withHint(description: ReactNode, hint: string | undefined): ReactNode {
  if (!hint) return description;
  if (!description) return hint;
  return (
    <>
      {description} <span>{hint}</span>
    </>
  );
}

/**
 * A date, month or time field outside conform (GET forms, forms checked by hand): Mantine's
 * `TextInput` with the rendering `useDateInput` decides. `min`/`max` are left out: a text field
 * has none, and the server checks the range.
 */
export function DateTextInput({
  kind = "date",
  defaultValue,
  description,
  min: _min,
  max: _max,
  ...rest
}: { kind?: DateKind; defaultValue?: string | null; description?: ReactNode } & Omit<ComponentProps<typeof TextInput>, "type" | "defaultValue" | "inputMode" | "description">) {
  const { hint, ...input } = useDateInput(kind, defaultValue);
  return <TextInput {...rest} {...input} description={withHint(description, hint)} />;
}
