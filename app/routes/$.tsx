import { ErrorPage } from "~/components/error-page";

// Every unknown path: a translated 404 inside the layout.
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}
