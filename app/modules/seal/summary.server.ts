import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/permissions";
import { directionOf, isUiLanguage } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import { createWriter } from "~/modules/coverage/pdf/writer.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { resultOf } from "./queries.server";

/**
 * The summary for the council (issue #15): the decisions of a year (awards and refusals) with the
 * jury's weighted result, the rules met and the rationale; as CSV (German Excel: `;`, BOM) or PDF.
 * Without rounds (the programme runs rolling), a "round" is the calendar year of the decision.
 */
export async function listDecisions(actor: Actor, year: number) {
  requirePermission(actor, "manage:seal:any");
  const db = getDb();
  const rows = await db
    .selectFrom("seal_application as a")
    .innerJoin("organisation as o", "o.id", "a.organisation_id")
    .leftJoin("seal_award as w", "w.application_id", "a.id")
    .select(["a.id", "a.status", "a.catalogue_version", "a.decided_at", "a.decision_reason", "o.name", "w.valid_until", "w.revoked_at"])
    .where("a.status", "in", ["awarded", "declined"])
    .where("a.decided_at", ">=", `${year}-01-01`)
    .where("a.decided_at", "<", `${year + 1}-01-01`)
    .orderBy("a.decided_at")
    .orderBy("a.id")
    .execute();
  const out = [];
  for (const r of rows) out.push({ ...r, result: await resultOf(db, r.id, r.catalogue_version) });
  return out;
}

type Decision = Awaited<ReturnType<typeof listDecisions>>[number];

async function table(rows: Decision[], lang: string) {
  const l = isUiLanguage(lang) ? lang : "de";
  const t = await getFixedT(l, "seal");
  const header = [t("summary.association"), t("summary.decision"), t("summary.decidedOn"), t("summary.total"), t("summary.reviews"), t("summary.rules"), t("summary.validUntil"), t("summary.rationale")];
  const body = rows.map((r) => [
    r.name,
    t(`status.${r.status}`),
    r.decided_at ? formatDate(r.decided_at.slice(0, 10), l) : "",
    r.result.weightedTotal === null ? "" : `${r.result.weightedTotal} %`,
    String(r.result.reviews),
    r.result.criteriaMet ? t("summary.met") : t("summary.notMet"),
    r.valid_until ? formatDate(r.valid_until, l) + (r.revoked_at ? ` (${t("verify.state.revoked")})` : "") : "",
    r.decision_reason ?? "",
  ]);
  return { t, l, header, body };
}

export async function decisionsCsv(rows: Decision[], lang: string): Promise<string> {
  const { header, body } = await table(rows, lang);
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  return "\uFEFF" + [header, ...body].map((r) => r.map(cell).join(";")).join("\r\n") + "\r\n";
}

export async function decisionsPdf(rows: Decision[], year: number, lang: string): Promise<Buffer> {
  const { t, l, header, body } = await table(rows, lang);
  const w = createWriter({ rtl: directionOf(l) === "rtl", title: t("summary.title", { year }), lang: l });
  w.title(t("summary.title", { year }));
  w.paragraph(t("summary.intro"));
  w.space(8);
  if (!body.length) w.paragraph(t("summary.none"));
  else w.table(header, body, [90, 50, 55, 40, 35, 45, 55, 113]);
  return w.end();
}
