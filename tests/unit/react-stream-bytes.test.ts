import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { renderToReadableStream } from "react-dom/server.browser";
import { describe, expect, it } from "vitest";
import { readAllBytes } from "~/utils/stream-bytes.server";

/** The whole HTML of a render as app/entry.server.tsx makes it: React's Web Streams renderer, all ready, one buffer. */
async function rendered(element: ReturnType<typeof createElement>): Promise<Buffer> {
  const stream = await renderToReadableStream(element);
  await stream.allReady;
  return Buffer.from(await readAllBytes(stream));
}

describe("server render (app/entry.server.tsx)", () => {
  it("writes multi-byte characters that cross React's 2 KB chunks without NUL bytes", async () => {
    // React 18.3.1's Node writer (renderToPipeableStream) copies short text pieces into a
    // 2,048-byte view and sent the view's unwritten end when a dash (3 bytes in UTF-8) or an
    // Arabic letter (2 bytes) did not fit (react#24985). The renderer the app uses must not.
    // Many short pieces, shifted byte by byte, put one of them on each boundary.
    for (let pad = 0; pad < 40; pad++) {
      const pieces = Array.from({ length: 120 }, (_, i) => createElement("span", { key: i }, `${i}: 18:00–20:00 مرحبا`));
      const element = createElement("p", null, "x".repeat(pad), pieces);
      const bytes = await rendered(element);
      expect(bytes.includes(0), `padding ${pad}`).toBe(false);
      expect(bytes.toString("utf8")).toBe(renderToString(element));
    }
  });
});
