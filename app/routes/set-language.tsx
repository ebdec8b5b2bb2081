import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getActor } from "~/auth/session.server";
import { isUiLanguage } from "~/i18n/config";
import { languageCookie } from "~/i18n/i18next.server";
import { setUserLocale } from "~/modules/accounts/commands.server";
import { env } from "~/utils/env.server";
import { safeRedirectTarget } from "~/utils/flash.server";
import { readForm } from "~/utils/forms.server";

export async function loader() {
  return redirect("/");
}

// Anonymous allowed. A logged-in user's choice is also kept for the mails they receive.
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lng = form.get("lng");
  const to = safeRedirectTarget(form.get("redirectTo"));
  if (!isUiLanguage(lng)) return redirect(to);
  const actor = await getActor(request, context);
  if (actor) await setUserLocale(actor.userId, lng);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(lng, { secure: env().COOKIE_SECURE }) } });
}
