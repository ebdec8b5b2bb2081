import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { isUiLanguage } from "~/i18n/config";
import { getAssignment } from "~/modules/coverage/assignments.server";
import { confirmedHoursOf } from "~/modules/coverage/hours.server";
import { certificateRequestPdf, confirmationPdf, engagementPdf, feeWaiverPdf } from "~/modules/coverage/pdf/documents.server";
import { pdfResponse } from "~/utils/pdf-response.server";
import { todayOf } from "~/utils/dates";
import { requireStaffScope } from "~/modules/coverage/scope.server";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

const DOCUMENTS = ["confirmation.pdf", "engagement.pdf", "certificate-request.pdf", "fee-waiver.pdf"] as const;

/** PDFs of one assignment for staff, in the volunteer's language unless `?lang=` asks for another. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requireStaffScope(actor);
  const id = parseId(params.id);
  const document = DOCUMENTS.find((d) => d === params.document);
  if (!document) throw notFound();
  const a = await getAssignment(actor, id, { staffOnly: true });
  if (!a) throw notFound();
  requirePermission(actor, "read:assignment:own", { organisationId: a.organisationId });
  const asked = new URL(request.url).searchParams.get("lang");
  const lang = isUiLanguage(asked) ? asked : a.volunteerLocale;
  const today = todayOf();
  if (document === "confirmation.pdf") return pdfResponse(await confirmationPdf(a, lang, today), `einsatz-${id}.pdf`);
  if (document === "engagement.pdf") return pdfResponse(await engagementPdf(a, await confirmedHoursOf(actor, id), lang, today), `engagementnachweis-${id}.pdf`);
  // The certificate letters exist only for work with minors, and only the office issues them.
  requirePermission(actor, "manage:assignment:any");
  if (!a.worksWithMinors) throw notFound();
  if (document === "certificate-request.pdf") return pdfResponse(await certificateRequestPdf(a, lang, today), `fuehrungszeugnis-antrag-${id}.pdf`);
  return pdfResponse(await feeWaiverPdf(a, lang, today), `gebuehrenbefreiung-${id}.pdf`);
}
