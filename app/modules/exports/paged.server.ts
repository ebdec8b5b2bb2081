import { can, type Actor } from "~/auth/permissions";
import { forbidden } from "~/utils/errors";
import { logExport } from "./log.server";
import { tableStream, type Cell, type ExportColumn, type ExportFormat } from "./writer.server";

/** One page of an office list, as its list function returns it. */
export type ListPage<T> = { items: T[]; total: number; pageSize: number };

/**
 * "Export what I filtered" of an office list whose page is read by its own list function (issue
 * #16): the export asks that same function for page 1, 2, … with the page's filters, so filters,
 * scope, order and tie-breaks are the page's by construction (the lists order by a unique key last,
 * so the pages do not overlap). One page in memory at a time; the first page is read before the
 * file starts (its total is the row count in the access log). Every such export is logged.
 * The large lists (volunteers, hours, households) read by keyset instead (`volunteers.server.ts`).
 */
export async function pagedExport<T>(
  actor: Actor,
  args: {
    list: string;
    format: ExportFormat;
    filter: Record<string, unknown>;
    sheet: string;
    filename: string;
    columns: ExportColumn[];
    page: (n: number) => Promise<ListPage<T>>;
    row: (item: T) => Cell[];
    now?: Date;
  },
) {
  if (!can(actor, "export:list:any")) throw forbidden();
  const first = await args.page(1);
  const rows = first.total;
  await logExport(actor, { list: args.list, format: args.format, filter: args.filter, rows, now: args.now });
  async function* chunks(): AsyncGenerator<Cell[][]> {
    let current = first;
    for (let n = 1; ; n++) {
      if (n > 1) current = await args.page(n);
      if (!current.items.length) return;
      yield current.items.map(args.row);
      if (n * current.pageSize >= current.total || current.items.length < current.pageSize) return;
    }
  }
  return { rows, stream: tableStream(args.format, args.sheet.slice(0, 31), args.columns, chunks()), filename: `${args.filename}.${args.format}` };
}
