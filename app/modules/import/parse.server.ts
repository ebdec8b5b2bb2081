import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "~/utils/errors";
import { IMPORT_LIMITS } from "./limits";

export type ParsedSheet = {
  format: "csv" | "xlsx";
  rows: string[][];
  encoding: "utf-8" | "windows-1252" | null;
  delimiter: ";" | "," | "\t" | null;
  sheetName: string | null;
  sheetNames: string[];
};

// Windows-1252's 0x80–0x9F (€, „, “, –, …); the rest equals Latin-1. Decoded here because Node's
// TextDecoder without full ICU reads "windows-1252" as Latin-1 (0x80 stays a control character).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(part, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252 (Excel's "CSV" on German Windows). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** The delimiter that splits the first lines most evenly (`;` wins ties: German Excel writes it). */
export function detectDelimiter(text: string): ";" | "," | "\t" {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 20);
  let best: ";" | "," | "\t" = ";";
  let bestScore = -1;
  for (const d of [";", "\t", ","] as const) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const nonZero = counts.filter((c) => c > 0);
    if (!nonZero.length) continue;
    // Lines agreeing on the same count are what a real delimiter gives.
    const freq = new Map<number, number>();
    for (const c of nonZero) freq.set(c, (freq.get(c) ?? 0) + 1);
    const agreeing = Math.max(...freq.values());
    const score = agreeing * 1000 + Math.min(999, Math.max(...nonZero));
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

function checkShape(rows: string[][]): string[][] {
  // Trailing rows without any value are dropped; the sheet must not be empty.
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((c) => c.trim() === "")) end--;
  const out = rows.slice(0, end);
  if (!out.length) throw new AppError("import:errors.emptyFile", 400, "file");
  if (out.length > IMPORT_LIMITS.maxRows + 1) throw new AppError("import:errors.tooManyRows", 400, "file", { max: IMPORT_LIMITS.maxRows });
  const width = Math.max(...out.map((r) => r.length));
  if (width > IMPORT_LIMITS.maxColumns) throw new AppError("import:errors.tooManyColumns", 400, "file", { max: IMPORT_LIMITS.maxColumns });
  return out.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill("")] : r));
}

export function parseCsv(bytes: Uint8Array): ParsedSheet {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let rows: string[][];
  try {
    // Every cell stays text: no casting, no formula evaluation.
    rows = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, cast: false }) as string[][];
  } catch {
    throw new AppError("import:errors.unreadable", 400, "file");
  }
  return { format: "csv", rows: checkShape(rows), encoding, delimiter, sheetName: null, sheetNames: [] };
}

/** A cell's value as text, as the office typed it: a formula stays its formula text, never evaluated. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("formula" in value && typeof value.formula === "string") return `=${value.formula}`;
    if ("sharedFormula" in value && typeof value.sharedFormula === "string") return `=${value.sharedFormula}`;
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof (value as { text: unknown }).text === "string") return (value as { text: string }).text;
    if ("error" in value) return String((value as { error: unknown }).error);
  }
  return "";
}

/**
 * The uncompressed size of a ZIP's entries, from its central directory (read before anything is
 * unpacked: a small XLSX may expand to gigabytes). Null when the directory cannot be read.
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, bytes.byteLength - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= from; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

export async function parseXlsx(bytes: Uint8Array, sheet?: string): Promise<ParsedSheet> {
  const unpacked = zipUncompressedSize(bytes);
  if (unpacked === null) throw new AppError("import:errors.unreadable", 400, "file");
  if (unpacked > IMPORT_LIMITS.maxUnpackedBytes) throw new AppError("import:errors.fileTooLarge", 400, "file", { mb: IMPORT_LIMITS.maxUnpackedBytes / 1024 / 1024 });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw new AppError("import:errors.unreadable", 400, "file");
  }
  const sheets = wb.worksheets;
  const sheetNames = sheets.map((s) => s.name);
  if (!sheets.length) throw new AppError("import:errors.emptyFile", 400, "file");
  let ws = sheets[0];
  if (sheet && sheet.trim() !== "") {
    const wanted = sheet.trim();
    const byName = sheets.find((s) => s.name === wanted);
    const byNumber = /^\d+$/.test(wanted) ? sheets[Number(wanted) - 1] : undefined;
    const found = byName ?? byNumber;
    if (!found) throw new AppError("import:errors.noSuchSheet", 400, "sheet", { sheets: sheetNames.join(", ") });
    ws = found;
  }
  if (ws.rowCount > IMPORT_LIMITS.maxRows + 1) throw new AppError("import:errors.tooManyRows", 400, "file", { max: IMPORT_LIMITS.maxRows });
  if (ws.columnCount > IMPORT_LIMITS.maxColumns) throw new AppError("import:errors.tooManyColumns", 400, "file", { max: IMPORT_LIMITS.maxColumns });
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return { format: "xlsx", rows: checkShape(rows), encoding: null, delimiter: null, sheetName: ws.name, sheetNames };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Reads an upload: XLSX by its content (a ZIP), anything else as CSV text. */
export async function parseUpload(bytes: Uint8Array, fileName: string, sheet?: string): Promise<ParsedSheet> {
  if (bytes.byteLength === 0) throw new AppError("import:errors.emptyFile", 400, "file");
  const isZip = ZIP.every((b, i) => bytes[i] === b);
  if (isZip) return parseXlsx(bytes, sheet);
  if (/\.(xlsx|xlsm|xls|ods)$/i.test(fileName)) throw new AppError("import:errors.unreadable", 400, "file");
  return parseCsv(bytes);
}
