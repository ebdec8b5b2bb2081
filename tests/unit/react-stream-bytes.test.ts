import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderPage, renderPageUnrepaired, withoutNulBytes } from "~/utils/render-page.server";

/** Many short pieces with a dash (3 bytes in UTF-8) and Arabic (2 bytes), shifted by `pad` bytes: one of them lands on each 2 KB boundary of React's writer. */
function page(pad: number) {
  const pieces = Array.from({ length: 120 }, (_, i) => createElement("span", { key: i }, `${i}: 18:00–20:00 مرحبا`));
  return createElement("p", null, "x".repeat(pad), pieces);
}

const render = (element: ReturnType<typeof createElement>) =>
  renderPage(element, {
    abortAfterMs: 5_000,
    onError: (error) => {
      throw error;
    },
  });

describe("server render (app/entry.server.tsx through app/utils/render-page.server.ts)", () => {
  it("React 18.3.1's Node writer still inserts NUL bytes at 2 KB boundaries (react#24985): the repair is needed", async () => {
    // When React is upgraded to a version with the fix, this fails: then drop the repair (ADR 0028).
    let withNul = 0;
    for (let pad = 0; pad < 40; pad++) if ((await renderPageUnrepaired(page(pad))).includes(0)) withNul++;
    expect(withNul).toBeGreaterThan(0);
  });

  it("writes multi-byte characters that cross React's 2 KB chunks exactly as renderToString does", async () => {
    for (let pad = 0; pad < 40; pad++) {
      const element = page(pad);
      const bytes = await render(element);
      expect(bytes.includes(0), `padding ${pad}`).toBe(false);
      expect(bytes.toString("utf8"), `padding ${pad}`).toBe(renderToString(element));
    }
  });

  it("removes 0x00 bytes only, wherever they are, and hands a clean buffer back unchanged", () => {
    const clean = Buffer.from("<p>Grüße – مرحبا</p>", "utf8");
    expect(withoutNulBytes(clean)).toBe(clean);
    const dirty = Buffer.concat([Buffer.from([0]), Buffer.from("<p>Grü", "utf8"), Buffer.from([0, 0, 0]), Buffer.from("ße</p>", "utf8"), Buffer.from([0])]);
    expect(withoutNulBytes(dirty).toString("utf8")).toBe("<p>Grüße</p>");
  });

  it("a render error is reported through onError and the page still ends", async () => {
    const errors: unknown[] = [];
    function Broken(): never {
      throw new Error("broken part");
    }
    const element = createElement("div", null, createElement(Broken));
    await expect(renderPage(element, { abortAfterMs: 5_000, onError: (e) => void errors.push(e) })).rejects.toThrow("broken part");
    expect(errors).toHaveLength(1);
  });
});
