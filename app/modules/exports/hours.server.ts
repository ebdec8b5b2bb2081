import { can, type Actor } from "~/auth/permissions";
import { hoursListQuery, type HoursFilters } from "~/modules/coverage/hours-list.server";
import { getFixedT } from "~/i18n/i18next.server";
import { forbidden } from "~/utils/errors";
import { EXPORT_CHUNK } from "./volunteers.server";
import { logExport } from "./log.server";
import { tableStream, type Cell, type ExportFormat } from "./writer.server";

/**
 * "Export what I filtered" of `/office/hours`: the same status and filters (`hoursListQuery`), the
 * page's order (waiting entries oldest first, decided ones newest decision first) and columns,
 * every page; read by keyset in chunks; written to the access log. The office only.
 */
export async function exportHours(actor: Actor, f: Omit<HoursFilters, "page">, args: { format: ExportFormat; today: string; lang: string; now?: Date; chunkSize?: number }) {
  if (!can(actor, "export:list:any")) throw forbidden();
  const base = hoursListQuery(actor, f);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = Number(total);
  await logExport(actor, { list: "hours", format: args.format, filter: f, rows, now: args.now });
  const chunk = args.chunkSize ?? EXPORT_CHUNK;
  const t = await getFixedT(args.lang, "coverage");
  const submitted = f.status === "submitted";
  const columns = [
    { header: t("fields.volunteer") },
    { header: t("fields.activity") },
    { header: t("fields.organisation") },
    { header: t("hours.day"), kind: "day" as const },
    { header: t("hours.hours"), kind: "number" as const },
    { header: t("hours.note") },
    submitted ? { header: t("hours.submittedAt") } : { header: t("hours.reason") },
  ];
  const asc = submitted;
  type Cursor = { at: string; id: number } | null;
  const readPage = (cursor: Cursor) =>
    base
        .innerJoin("assignment as a", "a.id", "h.assignment_id")
        .innerJoin("user as u", "u.id", "a.volunteer_user_id")
        .innerJoin("organisation as o", "o.id", "a.organisation_id")
        .select(["h.id", "h.day", "h.hours", "h.note", "h.decision_reason", "h.created_at", "h.decided_at", "a.activity", "o.name as organisationName", "u.name as volunteerName"])
        // Row-value comparisons: both engines take them as the index's bound (spelt as OR, PostgreSQL walked from the start each chunk).
        .$if(!!cursor && asc, (q) => q.where((eb) => eb(eb.refTuple("h.created_at", "h.id"), ">", eb.tuple(cursor!.at, cursor!.id))))
        .$if(!!cursor && !asc, (q) => q.where((eb) => eb(eb.refTuple("h.decided_at", "h.id"), "<", eb.tuple(cursor!.at, cursor!.id))))
        .orderBy(asc ? "h.created_at" : "h.decided_at", asc ? "asc" : "desc")
        .orderBy("h.id", asc ? "asc" : "desc")
        .limit(chunk)
        .execute();

  async function* chunks(): AsyncGenerator<Cell[][]> {
    let after: Cursor = null;
    for (;;) {
      const page = await readPage(after);
      if (!page.length) return;
      yield page.map((r) => [r.volunteerName, r.activity, r.organisationName, r.day, Number(r.hours), r.note ?? "", submitted ? r.created_at : (r.decision_reason ?? "")]);
      const last = page[page.length - 1];
      after = { at: (asc ? last.created_at : last.decided_at) ?? "", id: last.id };
      if (page.length < chunk) return;
    }
  }
  return { rows, stream: tableStream(args.format, t("hours.officeTitle").slice(0, 31), columns, chunks()), filename: `stunden-${f.status}-${args.today}.${args.format}` };
}
