import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { startBackgroundJobs } from "~/modules/jobs/background.server";
import { createRequestI18n, getLanguage } from "~/i18n/i18next.server";
import { NonceProvider } from "~/utils/nonce";
import { renderPage } from "~/utils/render-page.server";
import { logger } from "~/utils/logger.server";

// No deferred data is streamed, so this only bounds pathological renders. Under a burst many renders
// interleave on one event loop; a short limit would turn "slow" into a 500 for all of them at once.
const ABORT_DELAY = 30_000;

startBackgroundJobs();

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error("request failed", { url: new URL(request.url).pathname, err: error });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const lang = await getLanguage(request);
  const i18n = await createRequestI18n(lang);
  const nonce = loadContext?.nonce ?? "";

  // The page is rendered completely and sent as one body (no route streams deferred data; bots
  // and browsers get the same): one buffer is cheaper to write and to compress than many small
  // chunks, and a render error can still set the status. React's Node renderer with the repair of
  // its NUL-byte bug: app/utils/render-page.server.ts, ADR 0028.
  let status = responseStatusCode;
  const html = await renderPage(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} abortDelay={ABORT_DELAY} />
      </I18nextProvider>
    </NonceProvider>,
    {
      nonce,
      abortAfterMs: ABORT_DELAY,
      onError(error: unknown) {
        status = 500;
        logger.error("render failed", { url: new URL(request.url).pathname, err: error });
      },
    },
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(html.byteLength));
  return new Response(html, { headers: responseHeaders, status });
}
