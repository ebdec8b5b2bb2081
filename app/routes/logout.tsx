import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";
import { redirectWithFlash } from "~/utils/flash.server";

// Logging out is a POST (a GET must never change state); a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirectWithFlash("/", { key: "flash.loggedOut", kind: "info" }, { headers: { "Set-Cookie": cookie } });
}
