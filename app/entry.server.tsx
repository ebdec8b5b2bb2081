import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { startBackgroundJobs } from "~/modules/jobs/background.server";
import { createRequestI18n, getLanguage } from "~/i18n/i18next.server";
import { NonceProvider } from "~/utils/nonce";
import { logger } from "~/utils/logger.server";

// No deferred data is streamed, so this only bounds pathological renders. Under a burst many renders
// interleave on one event loop; a short limit would turn "slow" into a 500 for all of them at once.
const ABORT_DELAY = 30_000;

startBackgroundJobs();

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error("request failed", { url: new URL(request.url).pathname, err: error });
}

/** Read by scripts/serve.ts (a global symbol: the server and this build are separate modules). */
const HTML_BODY = Symbol.for("ehrenamt-hub.html-body");

/**
 * The smallest destination React's `pipe` writes to (write, end, destroy, on): the page is
 * collected in memory and handed over in one buffer when React ends it, without a stream in
 * between. React destroys it with the error when rendering fails after the shell.
 */
function collect(done: (html: Buffer<ArrayBuffer>) => void, failed: (error: unknown) => void): Writable {
  const chunks: Buffer[] = [];
  const sink = {
    write(chunk: Uint8Array | string) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      return true;
    },
    end() {
      done(Buffer.concat(chunks));
      return sink;
    },
    destroy(error?: unknown) {
      failed(error ?? new Error("The page could not be rendered."));
      return sink;
    },
    on() {
      return sink;
    },
  };
  return sink as unknown as Writable;
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

  // The page is rendered completely and sent as one body: no route streams deferred data, and
  // one buffer costs far less than a stream of small chunks through the web-stream adapter and
  // gzip (about 2 ms per page on this machine). Bots and browsers get the same.
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(
            collect((html) => {
              clearTimeout(timer);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(html.length));
              const response = new Response(html, { headers: responseHeaders, status: responseStatusCode });
              // The server (scripts/serve.ts) writes this buffer as it is; everyone else reads the body.
              Object.defineProperty(response, HTML_BODY, { value: html });
              resolve(response);
            }, (error) => {
              clearTimeout(timer);
              reject(error);
            }),
          );
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          logger.error("render failed", { url: new URL(request.url).pathname, shellRendered, err: error });
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
