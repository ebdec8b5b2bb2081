import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { findByManageLink } from "~/modules/rooms/manage-link.server";
import { confirmGuestRequest } from "~/modules/rooms/request-booking.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound } from "~/utils/errors";

// The token is the key: never cached; other sites never see it as a referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

/** Only the button on the manage page confirms (mail scanners open links): a GET goes there. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/raum/buchung/${params.token}`);
}

/** The guest confirms their request (unconfirmed → requested) within 24 hours. */
export async function action({ params }: ActionFunctionArgs) {
  // Anonymous access intended: the unguessable token in the link is the authorisation.
  const found = await findByManageLink(params.token);
  if (!found) throw notFound();
  const r = await confirmGuestRequest(found.booking.id);
  return redirectWithFlash(`/raum/buchung/${params.token}`, { key: r === "expired" ? "flash.roomConfirmExpired" : "flash.roomConfirmed", kind: r === "expired" ? "error" : "success" });
}

export default function ConfirmRequest() {
  return null;
}
