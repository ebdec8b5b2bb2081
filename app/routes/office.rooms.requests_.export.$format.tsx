import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { exportRoomRequests } from "~/modules/reports/list-exports.server";
import { CONTENT_TYPES, EXPORT_FORMATS } from "~/modules/exports/writer.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";

const Params = z.object({ format: z.enum(EXPORT_FORMATS) });

/** "Export" of `/office/rooms/requests`: every waiting request (every page), with the contact person; logged. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "approve:booking:any");
  requirePermission(actor, "export:list:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  const args = { format: p.data.format, today: todayOf(), lang: await getLanguage(request) };
  const file = await exportRoomRequests(actor, args);
  return new Response(file.stream, {
    headers: { "Content-Type": CONTENT_TYPES[p.data.format], "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store", "X-Row-Count": String(file.rows) },
  });
}
