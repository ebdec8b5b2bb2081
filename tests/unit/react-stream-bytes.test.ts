import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

/** The whole HTML of a streamed render, as entry.server.tsx collects it. */
function streamed(element: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const chunks: Buffer[] = [];
        const body = new PassThrough();
        body.on("data", (c: Buffer) => chunks.push(c));
        body.on("end", () => resolve(Buffer.concat(chunks)));
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

describe("streamed server render (react-dom patch, scripts/patches)", () => {
  it("writes a multi-byte character that crosses React's 2 KB buffer without NUL bytes", async () => {
    // React copies short text pieces into a 2,048-byte view; a dash (3 bytes in UTF-8) or an Arabic
    // letter (2 bytes) that does not fit at its end must not leave the view's unwritten bytes behind.
    // Many short pieces, shifted byte by byte, put one of them on the boundary.
    for (let pad = 0; pad < 40; pad++) {
      const pieces = Array.from({ length: 120 }, (_, i) => createElement("span", { key: i }, `${i}: 18:00–20:00 مرحبا`));
      const element = createElement("p", null, "x".repeat(pad), pieces);
      const bytes = await streamed(element);
      expect(bytes.includes(0), `padding ${pad}`).toBe(false);
      expect(bytes.toString("utf8")).toBe(renderToString(element));
    }
  });
});
