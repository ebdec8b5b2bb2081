import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportTandems, parseTandemFilters } from "~/modules/reports/list-exports.server";
import { CONTENT_TYPES, EXPORT_FORMATS } from "~/modules/exports/writer.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";

const Params = z.object({ format: z.enum(EXPORT_FORMATS) });

/** "Export what I filtered" of `/office/sponsorships/tandems` (every page); logged. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:tandem:any");
  requirePermission(actor, "export:list:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  const url = new URL(request.url);
  const args = { format: p.data.format, today: todayOf(), lang: await getLanguage(request) };
  const { page: _, ...f } = parseTandemFilters(url);
  const file = await exportTandems(actor, f, args);
  return new Response(file.stream, {
    headers: { "Content-Type": CONTENT_TYPES[p.data.format], "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store", "X-Row-Count": String(file.rows) },
  });
}
