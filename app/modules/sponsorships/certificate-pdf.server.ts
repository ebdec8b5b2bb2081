import type { Actor } from "~/auth/permissions";
import { directionOf, isUiLanguage } from "~/i18n/config";
import { getDocumentT } from "~/i18n/i18next.server";
import { createWriter } from "~/modules/coverage/pdf/writer.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { confirmedMeetingCount, firstMeetingDay, getOwnTandemRow, programmeRules } from "./tandem-queries.server";
import { certificateAvailable } from "./tandem-rules";

/**
 * The sponsor's certificate (Engagementnachweis style) after N confirmed meetings: organiser,
 * field, programme, period, confirmed meetings; in the language asked for (German or the
 * sponsor's own). The household is never named. Null when the tandem is not the actor's or the
 * meetings are not enough yet (→ 404).
 */
export async function tandemCertificatePdf(actor: Actor, tandemId: number, lang: string, today: string): Promise<Buffer | null> {
  const db = getDb();
  const t = await getOwnTandemRow(actor, tandemId, db);
  if (!t) return null;
  const confirmed = await confirmedMeetingCount(db, t.id);
  if (!certificateAvailable(confirmed, programmeRules(t))) return null;
  const organiser = t.programme_organisation_id
    ? await db.selectFrom("organisation").select("name").where("id", "=", t.programme_organisation_id).executeTakeFirst()
    : await db.selectFrom("organisation").select("name").where("legal_form", "=", "city").orderBy("id").executeTakeFirst();
  const hours = await db.selectFrom("tandem_meeting").select((eb) => eb.fn.sum<number>("minutes").as("m")).where("tandem_id", "=", t.id).where("confirmed_at", "is not", null).executeTakeFirstOrThrow();
  return renderTandemCertificate(
    { volunteer: actor.name, organiser: organiser?.name ?? null, programme: t.programme_name, start: firstMeetingDay(t) ?? t.started_on, end: t.ended_on, meetings: confirmed, minutes: Number(hours.m ?? 0) },
    lang,
    today,
  );
}

export type TandemCertificate = { volunteer: string; organiser: string | null; programme: string; start: string; end: string | null; meetings: number; minutes: number };

/** The certificate's pages from its figures (no database): what `tandemCertificatePdf` sends. */
export async function renderTandemCertificate(c: TandemCertificate, lang: string, today: string): Promise<Buffer> {
  const l = isUiLanguage(lang) ? lang : "de";
  const tr = await getDocumentT(l, "tandems");
  const w = createWriter({ rtl: directionOf(l) === "rtl", title: tr("certificate.title"), lang: l });
  w.paragraph(c.organiser ?? "", { size: 9 });
  w.space(10);
  w.title(tr("certificate.title"));
  w.paragraph(tr("certificate.intro", { name: c.volunteer }));
  w.fields([
    [tr("certificate.volunteer"), c.volunteer],
    [tr("certificate.organiser"), c.organiser ?? "—"],
    [tr("certificate.field"), tr("certificate.fieldValue")],
    [tr("certificate.programme"), c.programme],
    [tr("certificate.period"), tr("certificate.periodValue", { start: formatDate(c.start, l), end: c.end ? formatDate(c.end, l) : tr("certificate.ongoing") })],
    [tr("certificate.meetings"), c.meetings.toLocaleString(l)],
    [tr("certificate.hours"), (Math.round((c.minutes / 60) * 4) / 4).toLocaleString(l)],
  ]);
  w.paragraph(tr("certificate.tasks"));
  w.paragraph(tr("certificate.thanks"));
  w.space(16);
  w.paragraph(tr("certificate.issued", { date: formatDate(today, l) }));
  w.space(36);
  w.paragraph("______________________________");
  w.paragraph(tr("certificate.signature"), { size: 9 });
  return w.end();
}
