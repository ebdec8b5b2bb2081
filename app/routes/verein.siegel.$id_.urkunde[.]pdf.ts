import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { sealCertificatePdf } from "~/modules/seal/certificate.server";
import { getOwnApplication } from "~/modules/seal/queries.server";
import { awardState } from "~/modules/seal/rules";
import { berlinDay } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";
import { pdfResponse } from "~/utils/pdf-response.server";

/** The certificate of a valid award, for the members of the association that holds it (else 404). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const found = await getOwnApplication(actor, parseId(params.id));
  if (!found) throw notFound();
  requirePermission(actor, "apply:seal:own", { organisationId: found.application.organisation_id });
  if (!found.award || awardState(found.award, berlinDay(new Date())) !== "valid") throw notFound();
  const pdf = await sealCertificatePdf(found.award, found.application.organisation_name, await getLanguage(request));
  return pdfResponse(pdf, `integrationssiegel-${found.award.code}.pdf`);
}
