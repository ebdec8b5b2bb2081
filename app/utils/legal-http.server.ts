import { data, redirect } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { takeFormSlot } from "./form-limits.server";
import { clientIp, invalid, parseForm } from "./forms.server";
import type { LegalSlug } from "~/modules/legal/pages";
import { getLegalPage, sendContactMessage } from "~/modules/legal/pages.server";
import { ContactSchema } from "~/modules/legal/schema";

/*
 * The HTTP side of the public legal pages (impressum, kontakt, barrierefreiheit, the help pages): request in,
 * response out. The legal module itself takes plain values (slug, language, the parsed message).
 */

/** Loader of a public legal page (anonymous on purpose: no personal data on it). */
export async function loadLegalPage(request: Request, slug: LegalSlug) {
  const lang = await getLanguage(request);
  return { page: await getLegalPage(slug, lang), sent: new URL(request.url).searchParams.get("gesendet") === "1" };
}

/**
 * Action of the contact and accessibility feedback forms (anonymous on purpose). The per-IP
 * limiter of the security work is to be wired in front of it (see the report of ADR 0023).
 */
export async function handleContactPost(request: Request, kind: "contact" | "accessibility", path: string, context?: { clientIp?: string }) {
  const { submission } = await parseForm(request, ContactSchema);
  if (submission.status !== "success") return invalid(submission);
  // Anonymous and mailing the office: limited per IP and per sender address, like every such form.
  const limited = await takeFormSlot(`legal-${kind}`, { ip: clientIp(context), address: submission.value.email });
  if (limited) return data(submission.reply({ formErrors: [limited] }), { status: 429 });
  await sendContactMessage(kind, submission.value, await getLanguage(request));
  return redirect(`${path}?gesendet=1`);
}
