import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getLanguage } from "~/i18n/i18next.server";
import { sealDecisionLetterPdf } from "~/modules/seal/certificate.server";
import { getOwnApplication } from "~/modules/seal/queries.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";
import { pdfResponse } from "~/utils/pdf-response.server";

/** The decision letter of a decided application, for the members of its association (else 404). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const found = await getOwnApplication(actor, parseId(params.id));
  if (!found) throw notFound();
  requirePermission(actor, "apply:seal:own", { organisationId: found.application.organisation_id });
  const { application: a, award, conditions } = found;
  if ((a.status !== "awarded" && a.status !== "declined") || !a.decided_at) throw notFound();
  const pdf = await sealDecisionLetterPdf(
    { organisation: a.organisation_name, status: a.status, decidedAt: a.decided_at, reason: a.decision_reason ?? "", validUntil: award?.valid_until ?? null, code: award?.code ?? null, conditions },
    await getLanguage(request),
  );
  return pdfResponse(pdf, `integrationssiegel-bescheid-${a.id}.pdf`);
}
