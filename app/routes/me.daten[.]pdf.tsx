import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { isUiLanguage } from "~/i18n/config";
import { personalDataPdf } from "~/modules/volunteers/personal-data-pdf.server";
import { exportOwnData } from "~/modules/volunteers/personal-data.server";
import { berlinDay } from "~/utils/dates";
import { pdfResponse } from "~/utils/pdf-response.server";

/** DSGVO Art. 15 as a tagged PDF to read and keep, in the person's language (or `?lang=`); own data only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  const asked = new URL(request.url).searchParams.get("lang");
  const lang = isUiLanguage(asked) ? asked : actor.locale;
  const now = new Date();
  const { userId: _userId, ...content } = await exportOwnData(actor, now, lang);
  return pdfResponse(await personalDataPdf(content, lang), `ehrenamt-hub-meine-daten-${berlinDay(now)}.pdf`);
}
