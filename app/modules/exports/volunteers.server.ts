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
  type Row = { id: string; name: string; name_key: string; district: string | null; status: string; created_at: string; language_code: string | null; level: string | null; insured_today: number | null; certificate_state: string | null };
  /**
   * One chunk in one query, as the page reads its page (`listPage`): the chunk's profiles in name
   * order by keyset over the profile's copy of the name (`volunteer_profile_name_idx`, migration
   * 0062), joined to district, languages (a row each) and facts. Before, each chunk took three
   * queries, two of them with the chunk's 500 ids as parameters (issue #13).
   */
  const readChunk = (cursor: Cursor): Promise<Row[]> => {
    const profiles = db
      .selectFrom("volunteer_profile as p")
      .select(["p.user_id", "p.name", "p.name_key", "p.district_id", "p.status", "p.created_at"])
      .where(where)
      // A row-value comparison, which both engines use as the index's lower bound: with the same
      // condition spelt as OR, PostgreSQL walked the index from its start for every chunk.
      .$if(!!cursor, (q) => q.where((eb) => eb(eb.refTuple("p.name_key", "p.name", "p.user_id"), ">", eb.tuple(cursor!.name_key, cursor!.name, cursor!.id))))
      .orderBy("p.name_key")
      .orderBy("p.name")
      .orderBy("p.user_id")
      .limit(chunk);
    return db
      .selectFrom(profiles.as("pg"))
      .leftJoin("district as d", "d.id", "pg.district_id")
      .leftJoin("volunteer_language as l", "l.user_id", "pg.user_id")
      .leftJoin("volunteer_fact as vf", "vf.user_id", "pg.user_id")
      .select(["pg.user_id as id", "pg.name", "pg.name_key", "d.name as district", "pg.status", "pg.created_at", "l.language_code", "l.level", "vf.insured_today", "vf.certificate_state"])
      .orderBy("pg.name_key")
      .orderBy("pg.name")
      .orderBy("pg.user_id")
      .orderBy("l.language_code")
      .execute() as Promise<Row[]>;
  };

  async function* chunks(): AsyncGenerator<Cell[][]> {
    let after: Cursor = null;
    for (;;) {
      const flat = await readChunk(after);
      if (!flat.length) return;
      const out: Cell[][] = [];
      let people = 0;
      for (let i = 0; i < flat.length; ) {
        const r = flat[i];
        const languages: string[] = [];
        for (; i < flat.length && flat[i].id === r.id; i++) if (flat[i].language_code) languages.push(`${flat[i].language_code!.toUpperCase()} ${flat[i].level}`);
        people++;
        out.push([
          r.name,
          status[r.status] ?? r.status,
          r.district ?? "",
          languages.join(", "),
          r.insured_today === 1 ? yes : no,
          certificate[(r.certificate_state ?? "notNeeded") as CertificateState],
          berlinDay(r.created_at),
        ]);
      }
      yield out;
      const last = flat[flat.length - 1];
      after = { name_key: last.name_key, name: last.name, id: last.id };
      if (people < chunk) return;
    }
  }
  return { rows, stream: tableStream(args.format, t("exports.volunteersSheet"), columns, chunks()), filename: `ehrenamtliche-${args.today}.${args.format}` };
}
