import { stringify } from "csv-stringify/sync";
import type { Actor } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { isUiLanguage } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import { getDb } from "~/utils/db.server";

/**
 * The funding evidence of a programme for a period (what a funder such as "Menschen stärken
 * Menschen" asks for): per tandem that ran in the period its pseudonymous code, start, status,
 * end, and the dates of the meetings the household confirmed in the period. No names, no
 * households: a tandem whose household withdrew its consent stays here with its code.
 */
export type FundingPeriod = { programmeId: number; from: string; to: string };

export async function fundingEvidence(actor: Actor, p: FundingPeriod, now = new Date()) {
  requirePermission(actor, "manage:tandem:any");
  const db = getDb();
  const programme = await db.selectFrom("sponsorship_programme").select(["id", "name", "funder", "period_start as periodStart", "period_end as periodEnd"]).where("id", "=", p.programmeId).executeTakeFirst();
  if (!programme) return null;
  const tandems = await db
    .selectFrom("tandem")
    .select(["id", "code", "status", "started_on as startedOn", "ended_on as endedOn"])
    .where("programme_id", "=", p.programmeId)
    .where("started_on", "<=", p.to)
    .where((eb) => eb.or([eb("ended_on", "is", null), eb("ended_on", ">=", p.from)]))
    .orderBy("code")
    .limit(10_000)
    .execute();
  const ids = tandems.map((t) => t.id);
  const meetings = ids.length
    ? await db
        .selectFrom("tandem_meeting as m")
        .innerJoin("tandem as t", "t.id", "m.tandem_id")
        .select(["m.tandem_id as tandemId", "m.day"])
        .where("t.programme_id", "=", p.programmeId)
        .where("m.confirmed_at", "is not", null)
        .where("m.day", ">=", p.from)
        .where("m.day", "<=", p.to)
        .orderBy("m.day")
        .execute()
    : [];
  const byTandem = new Map<number, string[]>();
  for (const m of meetings) byTandem.set(m.tandemId, [...(byTandem.get(m.tandemId) ?? []), m.day]);
  await recordAudit(getDb(), { actorUserId: actor.userId, action: "export", entity: "funding_evidence", entityId: p.programmeId, details: { from: p.from, to: p.to }, now });
  const rows = tandems.map((t) => ({ code: t.code, startedOn: t.startedOn, status: t.status, endedOn: t.endedOn, meetings: byTandem.get(t.id) ?? [] }));
  return { programme, period: { from: p.from, to: p.to }, rows, totalMeetings: meetings.length };
}

export type FundingEvidence = NonNullable<Awaited<ReturnType<typeof fundingEvidence>>>;

/** A cell a spreadsheet would read as a formula is quoted as text. */
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The evidence as CSV for spreadsheets: UTF-8 with BOM, `;` separated, one line per tandem; the dates joined with `, `. */
export async function fundingCsv(e: FundingEvidence, lang: string): Promise<string> {
  const t = await getFixedT(isUiLanguage(lang) ? lang : "de", "tandems");
  const header = [t("funding.code"), t("funding.started"), t("funding.status"), t("funding.ended"), t("funding.count"), t("funding.dates")];
  const body = e.rows.map((r) => [r.code, r.startedOn, t(`status.${r.status}`), r.endedOn ?? "", String(r.meetings.length), r.meetings.join(", ")].map(safe));
  return "\uFEFF" + stringify([header, ...body], { delimiter: ";", record_delimiter: "\r\n", quoted: true, quoted_empty: true });
}
