import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { forbidden, notFound } from "~/utils/errors";

// Every unknown path: a translated 404 inside the layout. A request the server refused
// (scripts/serve.ts, sameOriginCheck: a cross-site form post) arrives here too: a translated 403.
export async function loader({ context }: LoaderFunctionArgs) {
  throw context.refused ? forbidden() : notFound();
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage status={isRouteErrorResponse(error) && error.status === 403 ? 403 : 404} />;
}
