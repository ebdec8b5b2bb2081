import zlib from "node:zlib";

/**
 * The text of a PDF written by pdfkit, for assertions ("the PDF says …"): its embedded fonts
 * write glyph codes, so the codes are mapped back through each font's ToUnicode CMap. Only what
 * pdfkit writes is understood (objects, Flate streams, `Tf`, `Tj`/`TJ` with hex strings); each
 * text run becomes one line of the result. Not a general PDF parser.
 */
export function pdfText(pdf: Buffer | Uint8Array): string {
  const raw = Buffer.from(pdf).toString("latin1");
  const objects = new Map<string, { dict: string; stream: string | null }>();
  // Object by object; a stream is cut by its `/Length` (its bytes may contain anything).
  const head = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(raw))) {
    const start = head.lastIndex;
    const streamAt = raw.indexOf("stream", start);
    const endAt = raw.indexOf("endobj", start);
    if (streamAt < 0 || endAt < streamAt) {
      objects.set(m[1], { dict: raw.slice(start, endAt), stream: null });
      head.lastIndex = endAt;
      continue;
    }
    const dict = raw.slice(start, streamAt);
    const length = Number(dict.match(/\/Length (\d+)(?!\d| \d+ R)/)?.[1]);
    const dataAt = streamAt + "stream".length + (raw[streamAt + 6] === "\r" ? 2 : 1);
    let bytes = Buffer.from(raw.slice(dataAt, dataAt + length), "latin1");
    if (/\/FlateDecode/.test(dict)) bytes = zlib.inflateSync(bytes);
    objects.set(m[1], { dict, stream: bytes.toString("latin1") });
    head.lastIndex = raw.indexOf("endobj", dataAt + length);
  }
  // Font resource name (F1, F2 …) → code → text, from the font's ToUnicode CMap.
  const maps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      if (maps.has(name)) continue;
      const cmapRef = objects.get(ref)?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      const cmap = cmapRef ? objects.get(cmapRef)?.stream : null;
      if (cmap) maps.set(name, parseCmap(cmap));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/\bTf\b/.test(stream)) continue;
    let font: Map<number, string> | undefined;
    for (const op of stream.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) font = maps.get(op[1]);
      else {
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [op[3]];
        lines.push(hexes.map((h) => decode(h, font)).join(""));
      }
    }
  }
  return lines.join("\n");
}

function decode(hex: string, font: Map<number, string> | undefined): string {
  let out = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) out += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? "";
  return out;
}

const utf16 = (hex: string) => {
  let s = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, list, single] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g)) {
      const a = parseInt(from, 16);
      const b = parseInt(to, 16);
      // An entry may hold several code units with spaces between them (a ligature: <0066 0069>).
      if (list !== undefined) [...list.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((h, i) => map.set(a + i, utf16(h[1].replace(/\s+/g, ""))));
      else for (let c = a; c <= b; c++) map.set(c, String.fromCharCode(parseInt(single, 16) + (c - a)));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(code, 16), utf16(text.replace(/\s+/g, "")));
  }
  return map;
}

/**
 * The `/ActualText` of a PDF's structure elements, in document order: the words as written,
 * where the drawn glyphs cannot give them back (Arabic-script letters drawn as base glyph + dots).
 */
export function pdfActualTexts(pdf: Buffer | Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString("latin1");
  const out: string[] = [];
  const UNESCAPE: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };
  for (let at = raw.indexOf("/ActualText ("); at >= 0; at = raw.indexOf("/ActualText (", at + 1)) {
    let bytes = "";
    for (let i = at + "/ActualText (".length; i < raw.length && raw[i] !== ")"; i++) bytes += raw[i] === "\\" ? (UNESCAPE[raw[++i]] ?? raw[i]) : raw[i];
    const buf = Buffer.from(bytes, "latin1");
    if (buf[0] === 0xfe && buf[1] === 0xff) {
      let s = "";
      for (let i = 2; i + 1 < buf.length; i += 2) s += String.fromCharCode((buf[i] << 8) | buf[i + 1]);
      out.push(s);
    } else out.push(bytes);
  }
  return out;
}
