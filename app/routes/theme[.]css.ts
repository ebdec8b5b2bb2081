import { themeCssVariables, themeCssVersion } from "~/components/theme";

// Public, anonymous: the theme's CSS variables (no data). Linked from root with ?v=<hash>, so the
// browser keeps it until the theme changes.
export function loader({ request }: { request: Request }) {
  const versioned = new URL(request.url).searchParams.get("v") === themeCssVersion();
  return new Response(themeCssVariables(), {
    headers: {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    },
  });
}
