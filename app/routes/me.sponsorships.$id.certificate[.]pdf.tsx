import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { isUiLanguage } from "~/i18n/config";
import { tandemCertificatePdf } from "~/modules/sponsorships/certificate-pdf.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";
import { pdfResponse } from "~/utils/pdf-response.server";

/** The sponsor's certificate after N confirmed meetings, in German or their language (`?lang=`); another's tandem or too few meetings → 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "read:sponsorship:own", { userId: actor.userId });
  const asked = new URL(request.url).searchParams.get("lang");
  const pdf = await tandemCertificatePdf(actor, id, isUiLanguage(asked) ? asked : "de", todayOf());
  if (!pdf) throw notFound();
  return pdfResponse(pdf, `patenschaft-nachweis-${id}.pdf`);
}
