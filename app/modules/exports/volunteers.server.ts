import { can, type Actor } from "~/auth/permissions";
import { CERTIFICATE_STATES, type CertificateState } from "~/modules/coverage/policy";
import { ensureVolunteerFacts } from "~/modules/coverage/volunteer-facts.server";
import { requireDeclarationToSeeOthers } from "~/modules/volunteers/consents.server";
import { volunteerListWhere, type VolunteerFilters } from "~/modules/volunteers/list.server";
import { VOLUNTEER_STATUSES } from "~/modules/volunteers/policy";
import { officeVolunteerScope } from "~/modules/volunteers/scope.server";
import { getFixedT } from "~/i18n/i18next.server";
import { getDb } from "~/utils/db.server";
import { berlinDay } from "~/utils/dates";
import { forbidden } from "~/utils/errors";
import { logExport } from "./log.server";
import { tableStream, type Cell, type ExportFormat } from "./writer.server";

/** Rows per query: the export reads the list in name order, one chunk after the other (keyset). */
export const EXPORT_CHUNK = 500;

/**
 * "Export what I filtered" of `/office/volunteers`: the same filters (`volunteerListWhere`), the
 * same order and columns as the page, every page. Streams in chunks read by keyset (name key,
 * name, id — the page's order), so 10,000 volunteers never sit in memory at once. The export is
 * written to the access log first (who, when, which filter, how many rows).
 */
export async function exportVolunteers(actor: Actor, filters: Omit<VolunteerFilters, "page">, args: { format: ExportFormat; today: string; lang: string; now?: Date; chunkSize?: number }) {
  const scope = officeVolunteerScope(actor);
  if (!scope || !can(actor, "export:list:any")) throw forbidden();
  await requireDeclarationToSeeOthers(actor);
  const f: VolunteerFilters = { ...filters, page: 1 };
  const where = await volunteerListWhere(scope, f, args.today);
  await ensureVolunteerFacts(args.today);
  const db = getDb();
  const chunk = args.chunkSize ?? EXPORT_CHUNK;
  const { total } = await db
    .selectFrom("volunteer_profile as p")
    .where(where)
    .select((e) => e.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const rows = Number(total);
  await logExport(actor, { list: "volunteers", format: args.format, filter: filters, rows, now: args.now });

  const [t, tv] = await Promise.all([getFixedT(args.lang, "reports"), getFixedT(args.lang, "volunteers")]);
  const status = Object.fromEntries(VOLUNTEER_STATUSES.map((s) => [s, tv(`status.${s}`)])) as Record<string, string>;
  const certificate = Object.fromEntries(CERTIFICATE_STATES.map((s) => [s, tv(`certificateStates.${s}`)])) as Record<string, string>;
  const yes = tv("yes");
  const no = tv("no");
  const columns = [
    { header: tv("office.name") },
    { header: tv("office.status") },
    { header: tv("profile.district") },
    { header: tv("profile.languages") },
    { header: tv("office.coverToday") },
    { header: tv("office.certificate") },
    { header: tv("office.registered"), kind: "day" as const },
  ];

  type Cursor = { name_key: string; name: string; id: string } | null;
  const readPage = (cursor: Cursor) =>
    db
        .selectFrom("volunteer_profile as p")
        .innerJoin("user as u", "u.id", "p.user_id")
        .leftJoin("district as d", "d.id", "p.district_id")
        .select(["p.user_id as id", "u.name", "u.name_key", "d.name as district", "p.status", "p.created_at"])
        .where(where)
        .$if(!!cursor, (q) =>
          q.where((eb) =>
            eb.or([
              eb("u.name_key", ">", cursor!.name_key),
              eb.and([eb("u.name_key", "=", cursor!.name_key), eb("u.name", ">", cursor!.name)]),
              eb.and([eb("u.name_key", "=", cursor!.name_key), eb("u.name", "=", cursor!.name), eb("u.id", ">", cursor!.id)]),
            ]),
          ),
        )
        .orderBy("u.name_key")
        .orderBy("u.name")
        .orderBy("u.id")
        .limit(chunk)
        .execute();

  async function* chunks(): AsyncGenerator<Cell[][]> {
    let after: Cursor = null;
    for (;;) {
      const page = await readPage(after);
      if (!page.length) return;
      const ids = page.map((r) => r.id);
      const [languages, facts] = await Promise.all([
        db.selectFrom("volunteer_language").select(["user_id", "language_code", "level"]).where("user_id", "in", ids).orderBy("language_code").execute(),
        db.selectFrom("volunteer_fact").select(["user_id", "insured_today", "certificate_state"]).where("user_id", "in", ids).execute(),
      ]);
      const langs = new Map<string, string[]>();
      for (const l of languages) langs.set(l.user_id, [...(langs.get(l.user_id) ?? []), `${l.language_code.toUpperCase()} ${l.level}`]);
      const fact = new Map(facts.map((x) => [x.user_id, x]));
      yield page.map((r) => [
        r.name,
        status[r.status] ?? r.status,
        r.district ?? "",
        (langs.get(r.id) ?? []).join(", "),
        fact.get(r.id)?.insured_today === 1 ? yes : no,
        certificate[(fact.get(r.id)?.certificate_state ?? "notNeeded") as CertificateState],
        berlinDay(r.created_at),
      ]);
      const last = page[page.length - 1];
      after = { name_key: last.name_key, name: last.name, id: last.id };
      if (page.length < chunk) return;
    }
  }
  return { rows, stream: tableStream(args.format, t("exports.volunteersSheet"), columns, chunks()), filename: `ehrenamtliche-${args.today}.${args.format}` };
}
