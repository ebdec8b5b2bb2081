import type { Writable } from "node:stream";
import type { ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";

/**
 * The page rendered completely into one buffer with React's Node renderer (`renderToPipeableStream`,
 * the renderer React documents for Node), waiting for all Suspense boundaries (single fetch hands
 * the loader data over in one). ADR 0028.
 *
 * React 18.3.1's Node writer has a known bug (react#24985, react#31134, fixed only in React 19):
 * when a short text piece with a multi-byte character does not fit into the rest of its 2,048-byte
 * view, it writes the whole view, so the view's unwritten end (1–3 bytes) goes out as NUL bytes;
 * the text itself is written in full right after. The bug only ever inserts 0x00 bytes, and a
 * 0x00 byte in UTF-8 is only ever the character U+0000, which HTML does not allow in a page (the
 * HTML parser drops it in text and replaces it in attributes; JSON in the page escapes it). So the
 * page is repaired by removing every 0x00 byte: exactly the inserted bytes, plus any U+0000 that
 * stored text might carry, which no browser would have shown. Test:
 * tests/unit/react-stream-bytes.test.ts (the raw writer's NUL bytes, and this function's output
 * equal to `renderToString`'s byte for byte across every boundary).
 *
 * Not the Web Streams renderer (`react-dom/server.browser`), which has no such gap: it encodes
 * every text piece into a new array with `TextEncoder.encode`, about 1 ms more per office page
 * (docs/benchmarks.md, "Stop 12"). Not `renderToString`: it leaves a suspended boundary at its
 * fallback, and single fetch's data transfer is one.
 */
export function renderPage(
  element: ReactNode,
  options: { nonce?: string; abortAfterMs: number; onError: (error: unknown) => void },
): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce: options.nonce || undefined,
      onAllReady() {
        pipe(
          collect(
            (html) => {
              clearTimeout(timer);
              resolve(withoutNulBytes(html));
            },
            (error) => {
              clearTimeout(timer);
              reject(error);
            },
          ),
        );
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        options.onError(error);
      },
    });
    // Bounds a pathological render; React then ends the boundaries still waiting with their fallback.
    const timer = setTimeout(() => abort(), options.abortAfterMs);
  });
}

/** The raw bytes React's Node writer produces, without the repair (for the test that shows the bug). */
export function renderPageUnrepaired(element: ReactNode): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady: () => pipe(collect(resolve, reject)),
      onShellError: reject,
    });
  });
}

/** Every 0x00 byte removed (see `renderPage`); the buffer itself when there is none (the usual case). */
export function withoutNulBytes(html: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  let at = html.indexOf(0);
  if (at < 0) return html;
  const out = Buffer.allocUnsafe(html.length);
  let length = 0;
  let from = 0;
  while (at >= 0) {
    length += html.copy(out, length, from, at);
    from = at + 1;
    at = html.indexOf(0, from);
  }
  length += html.copy(out, length, from);
  return out.subarray(0, length);
}

/**
 * The smallest destination React's `pipe` writes to (write, end, destroy, on): the page is kept in
 * memory and handed over in one buffer when React ends it. React never writes into a view again
 * after handing it over (it starts a new one), so the chunks are kept without copying until the end.
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
