import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportVolunteers } from "~/modules/exports/volunteers.server";
import { CONTENT_TYPES, EXPORT_FORMATS } from "~/modules/exports/writer.server";
import { OfficeVolunteerFilterSchema, parseVolunteerFilters } from "~/modules/volunteers/schema";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { searchParam } from "~/utils/params";

const Params = z.object({ format: z.enum(EXPORT_FORMATS) });

/**
 * "Export what I filtered" of `/office/volunteers`: the page's query string, every page, as CSV
 * or XLSX (`/office/volunteers/export/csv?status=active`). Streams; written to the access log.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:volunteer:any");
  requirePermission(actor, "export:list:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  const url = new URL(request.url);
  const { page: _, ...filters } = parseVolunteerFilters(url, OfficeVolunteerFilterSchema, searchParam(url), 1);
  const file = await exportVolunteers(actor, filters, { format: p.data.format, today: todayOf(), lang: await getLanguage(request) });
  return new Response(file.stream, {
    headers: { "Content-Type": CONTENT_TYPES[p.data.format], "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store", "X-Row-Count": String(file.rows) },
  });
}
