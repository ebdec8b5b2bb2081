import { redirect } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { invalid, parseForm } from "~/utils/forms.server";
import { registerUser } from "./commands.server";
import { RegisterSchema } from "./schema";

/**
 * The action behind the account form of `/register` and `/mitmachen/konto`: field errors with the
 * input kept (400), or the account command (verification mail; an address that is known already
 * gets a mail instead of a different answer) and on to "check your mail".
 */
export async function registerFromForm(request: Request) {
  const { submission } = await parseForm(request, RegisterSchema);
  if (submission.status !== "success") return invalid(submission);
  const { name, email, password } = submission.value;
  await registerUser({ name, email, password, locale: await getLanguage(request) });
  return redirect("/check-mail?for=register");
}
