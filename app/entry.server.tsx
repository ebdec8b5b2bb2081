import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
// React's Web Streams renderer (a public entry point of react-dom, the one Remix's Deno and
// Cloudflare templates use). Not `renderToPipeableStream`: in React 18.3.1 its Node writer can
// send the unwritten end of its 2 KB buffer (NUL bytes) when a multi-byte character does not fit
// (react#24985); the Web Streams writer encodes whole strings first and has no such gap. Not
// `renderToString`: with single fetch, `<Scripts>` hands the loader data over in a Suspense
// boundary that `renderToString` would leave at its (empty) fallback. ADR 0017.
import { renderToReadableStream } from "react-dom/server.browser";
import { I18nextProvider } from "react-i18next";
import { startBackgroundJobs } from "~/modules/jobs/background.server";
import { createRequestI18n, getLanguage } from "~/i18n/i18next.server";
import { NonceProvider } from "~/utils/nonce";
import { readAllBytes } from "~/utils/stream-bytes.server";
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
  // chunks, and a render error can still set the status.
  let status = responseStatusCode;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ABORT_DELAY);
  let html: Uint8Array<ArrayBuffer>;
  try {
    const stream = await renderToReadableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        signal: abort.signal,
        onError(error: unknown) {
          status = 500;
          logger.error("render failed", { url: new URL(request.url).pathname, err: error });
        },
      },
    );
    await stream.allReady;
    html = await readAllBytes(stream);
  } finally {
    // The render is over: nothing may abort it later (React would close its finished stream again).
    clearTimeout(timer);
  }
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(html.byteLength));
  return new Response(html, { headers: responseHeaders, status });
}
