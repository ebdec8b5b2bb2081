import QRCode from "qrcode";
import { directionOf, isUiLanguage } from "~/i18n/config";
import { getDocumentT } from "~/i18n/i18next.server";
import { createWriter } from "~/modules/coverage/pdf/writer.server";
import { formatDate } from "~/utils/dates";
import { env } from "~/utils/env.server";

/**
 * The seal's certificate (issue #15): the association, award and validity, the verification
 * number and a QR code to the public verification page `/siegel/<code>`, in the reader's language.
 */
export async function sealCertificatePdf(award: { code: string; awarded_on: string; valid_until: string }, organisation: string, lang: string): Promise<Buffer> {
  const l = isUiLanguage(lang) ? lang : "de";
  const t = await getDocumentT(l, "seal");
  const url = `${env().BASE_URL}/siegel/${award.code}`;
  const w = createWriter({ rtl: directionOf(l) === "rtl", title: t("certificate.title"), lang: l });
  w.paragraph(t("certificate.issuer"), { size: 9 });
  w.space(24);
  w.title(t("certificate.title"));
  w.space(12);
  w.heading(organisation);
  w.paragraph(t("certificate.body"));
  w.space(8);
  w.fields([
    [t("register.awardedOn"), formatDate(award.awarded_on, l)],
    [t("register.validUntil"), formatDate(award.valid_until, l)],
    [t("certificate.code"), award.code],
  ]);
  w.space(12);
  w.paragraph(t("certificate.verify", { url }));
  const png = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 240 });
  w.doc.image(png, w.doc.page.margins.left, w.doc.y + 8, { width: 120 });
  return w.end();
}

/** The decision letter of an awarded or declined application: decision, date, rationale, conditions, validity. */
export async function sealDecisionLetterPdf(
  d: { organisation: string; status: "awarded" | "declined"; decidedAt: string; reason: string; validUntil: string | null; code: string | null; conditions: Array<{ text: string; due_on: string }> },
  lang: string,
): Promise<Buffer> {
  const l = isUiLanguage(lang) ? lang : "de";
  const t = await getDocumentT(l, "seal");
  const w = createWriter({ rtl: directionOf(l) === "rtl", title: t("letter.title"), lang: l });
  w.paragraph(t("certificate.issuer"), { size: 9 });
  w.space(16);
  w.title(t("letter.title"));
  w.heading(d.organisation);
  w.fields([
    [t("letter.decision"), t(`status.${d.status}`)],
    [t("letter.decidedOn"), formatDate(d.decidedAt.slice(0, 10), l)],
    ...(d.validUntil ? ([[t("register.validUntil"), formatDate(d.validUntil, l)]] as Array<[string, string]>) : []),
    ...(d.code ? ([[t("certificate.code"), d.code]] as Array<[string, string]>) : []),
  ]);
  w.subheading(t("letter.rationale"));
  w.paragraph(d.reason);
  if (d.conditions.length) {
    w.subheading(t("office.conditions"));
    for (const c of d.conditions) w.paragraph(t("mail.decision.condition", { text: c.text, due: formatDate(c.due_on, l) }));
  }
  return w.end();
}
