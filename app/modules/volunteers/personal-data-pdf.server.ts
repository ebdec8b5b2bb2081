import type { TFunction } from "i18next";
import { createWriter, type Writer } from "~/modules/coverage/pdf/writer.server";
import { directionOf, isUiLanguage } from "~/i18n/config";
import { getDocumentT } from "~/i18n/i18next.server";
import { formatDate, formatDateTime } from "~/utils/dates";

/**
 * The Art. 15 export as a tagged PDF in the reader's language (the same content and labels as the
 * page `/me/daten/auskunft`): the title (H1), one section per module (H2), one part per heading
 * (H3), every record as labelled rows (P). Arabic is laid out right to left by the shared writer.
 */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Export = { exportedAt: string } & Record<string, unknown>;

/** One value as text: yes/no, a date in the reader's language, else the stored text as text. */
function scalar(t: TFunction, lang: string, value: unknown): string {
  if (value == null || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "auskunft.yes" : "auskunft.no");
  const text = String(value);
  // Free text shaped like a date stays text when it is not a real date (never a RangeError).
  try {
    if (TIMESTAMP.test(text)) return formatDateTime(text, lang);
    if (DAY.test(text)) return formatDate(text, lang);
  } catch {
    return text;
  }
  return text;
}

/** A nested value (a list inside a record, e.g. the languages of a profile) as one text. */
function inline(t: TFunction, lang: string, value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.map((v) => inline(t, lang, v)).join("\n") : t("auskunft.noEntries");
  if (value && typeof value === "object")
    return Object.entries(value)
      .map(([k, v]) => `${t(`auskunft.fields.${k}`)}: ${inline(t, lang, v)}`)
      .join(", ");
  return scalar(t, lang, value);
}

function record(w: Writer, t: TFunction, lang: string, rec: Record<string, unknown>) {
  w.fields(Object.entries(rec).map(([k, v]) => [t(`auskunft.fields.${k}`), inline(t, lang, v)]));
}

function part(w: Writer, t: TFunction, lang: string, value: unknown) {
  if (value == null || (Array.isArray(value) && value.length === 0)) return w.paragraph(t("auskunft.noEntries"));
  if (Array.isArray(value)) {
    if (value.every((v) => v == null || typeof v !== "object")) return w.paragraph(value.map((v) => scalar(t, lang, v)).join(", "));
    for (const v of value) record(w, t, lang, (v ?? {}) as Record<string, unknown>);
    return;
  }
  if (typeof value === "object") return record(w, t, lang, value as Record<string, unknown>);
  w.paragraph(scalar(t, lang, value));
}

export async function personalDataPdf(data: Export, lang: string): Promise<Buffer> {
  const l = isUiLanguage(lang) ? lang : "de";
  const t = await getDocumentT(l, "legal");
  const w = createWriter({ rtl: directionOf(l) === "rtl", title: t("auskunft.title"), lang: l });
  w.title(t("auskunft.title"));
  w.paragraph(t("auskunft.pdfIntro"));
  w.paragraph(`${t("auskunft.asOf")} ${formatDateTime(data.exportedAt, l)}`);
  for (const [name, parts] of Object.entries(data)) {
    if (!parts || typeof parts !== "object" || Array.isArray(parts)) continue;
    w.heading(t(`auskunft.sections.${name}`));
    for (const [key, value] of Object.entries(parts as Record<string, unknown>)) {
      w.subheading(t(`auskunft.parts.${key}`));
      part(w, t, l, value);
    }
  }
  return w.end();
}
