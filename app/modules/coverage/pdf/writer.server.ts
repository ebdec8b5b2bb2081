import fs from "node:fs";
import { createRequire } from "node:module";
import bidiFactory from "bidi-js";
import PDFDocument from "pdfkit";

/**
 * A small PDF writer on pdfkit with right-to-left support. pdfkit (through fontkit) shapes
 * Arabic and reverses one run's glyphs, but neither reorders mixed-direction lines nor falls
 * back between fonts. So every line is laid out here: split by the Unicode bidi algorithm
 * (bidi-js) into visual runs, each drawn with the font that has its glyphs
 * (Noto Sans for Latin/Cyrillic, Noto Sans Arabic for Arabic), right-aligned for RTL pages.
 *
 * The PDFs are tagged (PDF 1.7, PDF/UA style): the document language, the title shown instead of
 * the file name, and a structure tree — H1, H2, H3, P, a Table with TR/TH/TD — whose order is the
 * reading order; rules between table rows are artifacts. Screen readers read it in that order.
 * An element with Arabic-script text also carries its text as `/ActualText`: the fonts draw
 * some letters as a base glyph plus dots (Persian پ is a dotless beh and three dots), which a
 * glyph-to-text map cannot give back, so copying and reading aloud use the words as written.
 */
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  arabic: "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
  arabicBold: "@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf",
} as const;
let fontCache: Record<keyof typeof FONT_FILES, Buffer> | undefined;
/** The font files, read once per process. */
function fonts() {
  fontCache ??= Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, fs.readFileSync(require.resolve(f))])) as Record<keyof typeof FONT_FILES, Buffer>;
  return fontCache;
}

const bidi = bidiFactory();
// Arabic script: Arabic, Persian (پ چ ژ گ ک ی, ۰–۹), Urdu and their presentation forms.
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
// Direction marks, embeddings and isolates: they steer the bidi algorithm, but no font draws them.
const BIDI_CONTROL = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, "g");

type Segment = { text: string; font: string; width: number };

export type Writer = {
  doc: PDFKit.PDFDocument;
  rtl: boolean;
  title(text: string): void;
  heading(text: string): void;
  subheading(text: string): void;
  paragraph(text: string, opts?: { size?: number; bold?: boolean; gap?: number }): void;
  fields(rows: Array<[string, string]>): void;
  table(headers: string[], rows: string[][], widths: number[]): void;
  space(h?: number): void;
  end(): Promise<Buffer>;
};

export function createWriter(opts: { rtl: boolean; title: string; lang: string }): Writer {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: opts.title, Producer: "Ehrenamt-Hub", Creator: "Ehrenamt-Hub" },
    lang: opts.lang,
    displayTitle: true,
    tagged: true,
    pdfVersion: "1.7",
  } as PDFKit.PDFDocumentOptions);
  const root = doc.struct("Document");
  doc.addStructure(root);
  /** Draws inside one structure element of `parent` (its content is marked for the reading order). */
  function tagged(type: string, draw: () => void, parent: PDFKit.PDFStructureElement = root, text?: string) {
    const actual = text !== undefined && ARABIC.test(text) ? text.replace(BIDI_CONTROLS, "") : undefined;
    const el = actual ? doc.struct(type, { actual } as never) : doc.struct(type);
    parent.add(el);
    const content = doc.markStructureContent(type);
    draw();
    doc.endMarkedContent();
    el.add(content);
    el.end();
  }
  for (const [name, data] of Object.entries(fonts())) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const left = doc.page.margins.left;
  const right = () => doc.page.width - doc.page.margins.right;

  /** Visual segments of one line (already short enough to fit). */
  function segments(line: string, bold: boolean, size: number): Segment[] {
    const levels = bidi.getEmbeddingLevels(line, opts.rtl ? "rtl" : "ltr");
    const order = Array.from({ length: line.length }, (_, i) => i);
    for (const [start, end] of bidi.getReorderSegments(line, levels)) {
      const part = order.slice(start, end + 1).reverse();
      order.splice(start, part.length, ...part);
    }
    const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
    const out: Segment[] = [];
    type Run = { chars: string[]; arabic: boolean; odd: boolean };
    let cur = null as Run | null;
    const flush = () => {
      if (!cur) return;
      // Arabic runs go back to logical order: fontkit shapes them and reverses the glyphs itself.
      const text = cur.arabic ? cur.chars.slice().reverse().join("") : cur.chars.join("");
      const font = cur.arabic ? (bold ? "arabicBold" : "arabic") : bold ? "bold" : "regular";
      out.push({ text, font, width: doc.font(font).fontSize(size).widthOfString(text, { features: [] }) });
      cur = null;
    };
    for (const i of order) {
      if (BIDI_CONTROL.test(line[i])) continue;
      const ch = mirrored.get(i) ?? line[i];
      const arabic: boolean = ARABIC.test(ch) || (ch === " " && !!(cur as Run | null)?.arabic && levels.levels[i] % 2 === 1);
      const odd = levels.levels[i] % 2 === 1;
      if (!cur || cur.arabic !== arabic || (arabic && cur.odd !== odd)) {
        flush();
        cur = { chars: [], arabic, odd };
      }
      cur.chars.push(ch);
    }
    flush();
    return out;
  }

  /** Width of one run in one font, cached per document (the word wrap measures the same words again and again). */
  const widths = new Map<string, number>();
  function runWidth(font: string, size: number, text: string) {
    const key = `${font}|${size}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = doc.font(font).fontSize(size).widthOfString(text, { features: [] });
      widths.set(key, w);
    }
    return w;
  }

  /**
   * A line's width: the sum of its words' and spaces' widths, each word split into its Arabic and
   * other runs as `segments` draws them. The sum does not depend on the visual order, so no bidi
   * pass is needed, and shaping does not cross a space. (Laying out every candidate line whole
   * made a long document, the Art. 15 export, take seconds.)
   */
  function measure(text: string, bold: boolean, size: number) {
    const latin = bold ? "bold" : "regular";
    const arabicFont = bold ? "arabicBold" : "arabic";
    let total = 0;
    text.split(" ").forEach((word, i) => {
      if (i) total += runWidth(latin, size, " ");
      let run = "";
      let arabic = false;
      for (const ch of word) {
        if (BIDI_CONTROL.test(ch)) continue;
        const a = ARABIC.test(ch);
        if (run && a !== arabic) {
          total += runWidth(arabic ? arabicFont : latin, size, run);
          run = "";
        }
        arabic = a;
        run += ch;
      }
      if (run) total += runWidth(arabic ? arabicFont : latin, size, run);
    });
    return total;
  }

  /** Greedy word wrap in logical order, then each line drawn as visual segments. */
  function drawText(text: string, x0: number, width: number, size: number, bold: boolean): number {
    const lines: string[] = [];
    for (const para of text.split("\n")) {
      let line = "";
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (line && measure(next, bold, size) > width) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
    }
    const lineHeight = size * 1.45;
    for (const line of lines) {
      if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const segs = segments(line, bold, size);
      const total = segs.reduce((s, x) => s + x.width, 0);
      let x = opts.rtl ? x0 + width - total : x0;
      const y = doc.y;
      for (const s of segs) {
        // `features: []` makes pdfkit lay out the whole run at once (it otherwise shapes word by
        // word, which keeps each Arabic word's glyphs right but puts the words left to right).
        // One baseline for all fonts (their ascenders differ, so top-aligned runs would jump).
        doc.font(s.font).fontSize(size).text(s.text, x, y + size * 1.1, { lineBreak: false, features: [], baseline: "alphabetic" });
        x += s.width;
      }
      doc.y = y + lineHeight;
    }
    return lines.length * lineHeight;
  }

  const w: Writer = {
    doc,
    rtl: opts.rtl,
    title(text) {
      tagged("H1", () => drawText(text, left, right() - left, 17, true), root, text);
      w.space(6);
    },
    heading(text) {
      w.space(6);
      tagged("H2", () => drawText(text, left, right() - left, 12, true), root, text);
    },
    subheading(text) {
      w.space(4);
      tagged("H3", () => drawText(text, left, right() - left, 11, true), root, text);
      w.space(2);
    },
    paragraph(text, o = {}) {
      tagged("P", () => drawText(text, left, right() - left, o.size ?? 10.5, !!o.bold), root, text);
      w.space(o.gap ?? 4);
    },
    fields(rows) {
      const labelWidth = 150;
      const valueWidth = right() - left - labelWidth - 10;
      // One paragraph per row: the label, then its value (the reading order).
      for (const [label, value] of rows) {
        const y = doc.y;
        const labelX = opts.rtl ? right() - labelWidth : left;
        const valueX = opts.rtl ? left : left + labelWidth + 10;
        let h1 = 0;
        let h2 = 0;
        tagged(
          "P",
          () => {
            h1 = drawText(label, labelX, labelWidth, 10.5, true);
            doc.y = y;
            h2 = drawText(value || "–", valueX, valueWidth, 10.5, false);
          },
          root,
          `${label} ${value || "–"}`,
        );
        doc.y = y + Math.max(h1, h2) + 3;
      }
      w.space(4);
    },
    table(headers, rows, widths) {
      const total = widths.reduce((s, x) => s + x, 0);
      const scale = (right() - left) / total;
      const cols = widths.map((x) => x * scale);
      const table = doc.struct("Table");
      root.add(table);
      const row = (cells: string[], header: boolean) => {
        if (doc.y + 30 > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const tr = doc.struct("TR");
        table.add(tr);
        const y = doc.y;
        let maxH = 0;
        let x = opts.rtl ? right() : left;
        cells.forEach((cell, i) => {
          if (opts.rtl) x -= cols[i];
          doc.y = y;
          tagged(header ? "TH" : "TD", () => (maxH = Math.max(maxH, drawText(cell, x + 2, cols[i] - 4, 9, header))), tr, cell);
          if (!opts.rtl) x += cols[i];
        });
        tr.end();
        doc.y = y + maxH + 2;
        doc.markContent("Artifact", { type: "Layout" });
        doc.moveTo(left, doc.y).lineTo(right(), doc.y).lineWidth(0.5).strokeColor("#999999").stroke();
        doc.endMarkedContent();
        doc.y += 3;
      };
      row(headers, true);
      for (const r of rows) row(r, false);
      table.end();
    },
    space(h = 8) {
      doc.y += h;
    },
    end() {
      return new Promise<Buffer>((resolve, reject) => {
        doc.on("end", () => resolve(Buffer.concat(chunks)));
        doc.on("error", reject);
        root.end();
        doc.end();
      });
    },
  };
  return w;
}
