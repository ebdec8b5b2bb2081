import { ErrorPage } from "~/components/error-page";
import { notFound } from "~/utils/errors";

// Every unknown path: a translated 404 inside the layout.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}
