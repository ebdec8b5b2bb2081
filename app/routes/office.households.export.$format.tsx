import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { householdFormOptions } from "~/modules/donations/options.server";
import { exportHouseholds } from "~/modules/exports/households.server";
import { CONTENT_TYPES, EXPORT_FORMATS } from "~/modules/exports/writer.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { searchParam } from "~/utils/params";

const Params = z.object({ format: z.enum(EXPORT_FORMATS) });

/** "Export what I filtered" of `/office/households` (the page's query string, every page): the office only, logged. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:household:any");
  requirePermission(actor, "export:list:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  const url = new URL(request.url);
  // The page's filters, read as the page reads them.
  const { districts } = await householdFormOptions();
  const d = Number(url.searchParams.get("districtId"));
  const filters = { q: searchParam(url), districtId: districts.some((x) => x.id === d) ? d : undefined };
  const file = await exportHouseholds(actor, filters, { format: p.data.format, today: todayOf(), lang: await getLanguage(request) });
  return new Response(file.stream, {
    headers: { "Content-Type": CONTENT_TYPES[p.data.format], "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store" },
  });
}
