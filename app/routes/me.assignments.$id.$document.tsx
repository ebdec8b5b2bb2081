import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { isUiLanguage } from "~/i18n/config";
import { getOwnAssignment } from "~/modules/coverage/assignments.server";
import { confirmedHoursOf } from "~/modules/coverage/hours.server";
import { confirmationPdf, engagementPdf } from "~/modules/coverage/pdf/documents.server";
import { pdfResponse } from "~/utils/pdf-response.server";
import { todayOf } from "~/utils/dates";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

/** The volunteer's own confirmation and Engagementnachweis, in their language (or `?lang=`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  if (params.document !== "confirmation.pdf" && params.document !== "engagement.pdf") throw notFound();
  const a = await getOwnAssignment(actor, id);
  if (!a) throw notFound();
  requirePermission(actor, "read:assignment:own", { userId: a.volunteerId });
  const asked = new URL(request.url).searchParams.get("lang");
  const lang = isUiLanguage(asked) ? asked : actor.locale;
  const today = todayOf();
  if (params.document === "confirmation.pdf") return pdfResponse(await confirmationPdf(a, lang, today), `einsatz-${id}.pdf`);
  return pdfResponse(await engagementPdf(a, await confirmedHoursOf(actor, id), lang, today), `engagementnachweis-${id}.pdf`);
}
