import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportHours } from "~/modules/exports/hours.server";
import { CONTENT_TYPES, EXPORT_FORMATS } from "~/modules/exports/writer.server";
import { parseHoursFilters, requireHoursScope } from "~/modules/coverage/hours-list.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";

const Params = z.object({ format: z.enum(EXPORT_FORMATS) });

/** "Export what I filtered" of `/office/hours` (the page's query string, every page): the office only, logged. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireHoursScope(actor);
  requirePermission(actor, "export:list:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  const { filters } = parseHoursFilters(new URL(request.url));
  const { page: _, ...f } = filters;
  const file = await exportHours(actor, f, { format: p.data.format, today: todayOf(), lang: await getLanguage(request) });
  return new Response(file.stream, {
    headers: { "Content-Type": CONTENT_TYPES[p.data.format], "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store" },
  });
}
