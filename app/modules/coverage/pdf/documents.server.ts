import type { TFunction } from "i18next";
import { directionOf, isUiLanguage } from "~/i18n/config";
import { getDocumentT, getFixedT } from "~/i18n/i18next.server";
import { formatDate } from "~/utils/dates";
import type { AssignmentRow } from "../assignments.server";
import { basisOfCover, describeBasis, type Text } from "../policy";
import { toFacts } from "../assignments.server";
import { createWriter, type Writer } from "./writer.server";

/** The PDFs of the coverage module, in the reader's language (de/en/ar/uk). */

async function start(lang: string, titleKey: string) {
  const l = isUiLanguage(lang) ? lang : "de";
  const t = await getDocumentT(l, "coverage");
  const w = createWriter({ rtl: directionOf(l) === "rtl", title: t(titleKey), lang: l });
  w.paragraph(t("pdf.office"), { size: 9 });
  w.space(10);
  w.title(t(titleKey));
  return { t, w, l };
}

const ruleText = (t: TFunction, l: string, x: Text) =>
  t(x.key, Object.fromEntries(Object.entries(x.values ?? {}).map(([k, v]) => [k, /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, l) : v])));

function period(t: TFunction, l: string, a: AssignmentRow) {
  const end = a.closedOn && (!a.endDay || a.closedOn < a.endDay) ? a.closedOn : a.endDay;
  return t("fields.periodValue", { start: formatDate(a.startDay, l), end: end ? formatDate(end, l) : t("fields.openEnd") });
}

function assignmentFields(t: TFunction, l: string, a: AssignmentRow): Array<[string, string]> {
  return [
    [t("pdf.labels.volunteer"), a.volunteerName],
    [t("pdf.labels.activity"), a.activity],
    [t("pdf.labels.field"), a.fieldName],
    [t("pdf.labels.organiser"), `${a.organisationName} (${t(`common:legalForms.${a.legalForm}`)})`],
    [t("pdf.labels.period"), period(t, l, a)],
  ];
}

function finish(w: Writer, t: TFunction, l: string, today: string) {
  w.space(16);
  w.paragraph(t("pdf.issued", { date: formatDate(today, l) }));
  w.space(36);
  w.paragraph("______________________________");
  w.paragraph(t("pdf.signature"), { size: 9 });
  return w.end();
}

export async function confirmationPdf(a: AssignmentRow, lang: string, today: string) {
  const { t, w, l } = await start(lang, "pdf.confirmationTitle");
  w.paragraph(t("pdf.confirmationIntro", { name: a.volunteerName }));
  w.fields([...assignmentFields(t, l, a), [t("pdf.labels.document"), a.documentRef]]);
  w.heading(t("pdf.labels.basis"));
  // The document speaks of the volunteer in the third person (the UI's texts address them).
  for (const x of describeBasis(basisOfCover(toFacts(a).organiser))) w.paragraph(ruleText(t, l, { ...x, key: `pdf.${x.key}` }));
  return finish(w, t, l, today);
}

export async function engagementPdf(a: AssignmentRow, confirmedHours: number, lang: string, today: string) {
  const { t, w, l } = await start(lang, "pdf.engagementTitle");
  w.paragraph(t("pdf.engagementIntro", { name: a.volunteerName }));
  // Hours are stated only when some were confirmed ("0 hours" would read as no engagement).
  w.fields([...assignmentFields(t, l, a), ...(confirmedHours > 0 ? [[t("pdf.labels.hours"), confirmedHours.toLocaleString(l)] as [string, string]] : [])]);
  w.paragraph(t("pdf.engagementThanks"));
  return finish(w, t, l, today);
}

export async function certificateRequestPdf(a: AssignmentRow, lang: string, today: string) {
  const { t, w, l } = await start(lang, "pdf.requestTitle");
  w.paragraph(t("pdf.requestBody", { name: a.volunteerName, activity: a.activity }));
  w.fields(assignmentFields(t, l, a));
  return finish(w, t, l, today);
}

export async function feeWaiverPdf(a: AssignmentRow, lang: string, today: string) {
  const { t, w, l } = await start(lang, "pdf.feeWaiverTitle");
  w.paragraph(t("pdf.feeWaiverBody", { name: a.volunteerName, activity: a.activity, organisation: a.organisationName }));
  w.fields(assignmentFields(t, l, a));
  return finish(w, t, l, today);
}

export async function helperListPdf(rows: AssignmentRow[], day: string, lang: string, today: string) {
  const { t, w, l } = await start(lang, "helpers.title");
  w.paragraph(t("helpers.heading", { date: formatDate(day, l) }), { bold: true });
  if (!rows.length) w.paragraph(t("helpers.empty"));
  else
    w.table(
      [t("pdf.labels.volunteer"), t("helpers.email"), t("pdf.labels.activity"), t("pdf.labels.organiser"), t("pdf.labels.period"), t("pdf.labels.document")],
      rows.map((a) => [a.volunteerName, a.volunteerEmail, a.activity, a.organisationName, period(t, l, a), a.documentRef]),
      [3, 4, 3, 3, 3, 2],
    );
  return finish(w, t, l, today);
}

/** The helper list as CSV (UTF-8 with BOM for spreadsheet programs; cells guarded against formula injection). */
export async function helperListCsv(rows: AssignmentRow[], lang: string) {
  const l = isUiLanguage(lang) ? lang : "de";
  const t = await getFixedT(l, "coverage");
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const header = [t("pdf.labels.volunteer"), t("helpers.email"), t("pdf.labels.activity"), t("pdf.labels.field"), t("pdf.labels.organiser"), t("fields.startDay"), t("fields.endDay"), t("close.closedOn"), t("pdf.labels.document")];
  const lines = [header, ...rows.map((a) => [a.volunteerName, a.volunteerEmail, a.activity, a.fieldName, a.organisationName, a.startDay, a.endDay ?? "", a.closedOn ?? "", a.documentRef])];
  return "\uFEFF" + lines.map((r) => r.map(cell).join(";")).join("\r\n") + "\r\n";
}

