import type { LoaderFunctionArgs } from "@remix-run/node";
import { isUiLanguage } from "~/i18n/config";
import { clientResources, resourcesVersion } from "~/i18n/resources.server";
import { notFound } from "~/utils/errors";

// Public: the UI texts of one language for the browser. A request with the current version
// (`?v=`) is cached for a year; any other is answered fresh and cached briefly.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = params.lang;
  if (!isUiLanguage(lang)) throw notFound();
  const current = new URL(request.url).searchParams.get("v") === resourcesVersion(lang);
  return new Response(JSON.stringify(clientResources(lang)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=60",
    },
  });
}
