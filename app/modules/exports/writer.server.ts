import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

/**
 * Tables as downloads (ADR 0034): CSV for German Excel (UTF-8 with BOM, `;` between cells, CRLF,
 * decimal comma, days as YYYY-MM-DD) written with csv-stringify, XLSX with typed cells (numbers as
 * numbers, days as dates) written with exceljs' streaming writer. Both stream: the rows come in
 * chunks from an async iterator and leave as they are written, so memory stays bounded.
 */
export type ExportFormat = "csv" | "xlsx";
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ColumnKind = "text" | "number" | "day";
export type ExportColumn = { header: string; kind?: ColumnKind; width?: number };
export type Cell = string | number | null;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A cell that a spreadsheet would read as a formula gets a leading apostrophe (CSV injection). */
export function guardCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvCell(v: Cell, kind: ColumnKind | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || kind === "number") return String(v).replace(".", ",");
  return guardCell(v);
}

async function* csvChunks(columns: ExportColumn[], rows: AsyncIterable<Cell[][]>): AsyncGenerator<string> {
  const opts = { delimiter: ";", record_delimiter: "windows" as const, quoted_string: true };
  yield "\uFEFF" + stringify([columns.map((c) => guardCell(c.header))], opts);
  for await (const chunk of rows) {
    if (!chunk.length) continue;
    yield stringify(
      chunk.map((r) => r.map((v, i) => csvCell(v, columns[i]?.kind))),
      opts,
    );
  }
}

/** A day `YYYY-MM-DD` as the Date exceljs writes as a date serial (midnight UTC = that calendar day). */
function dayCell(v: Cell): Date | string | null {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return v === null ? null : String(v);
  const [y, m, d] = v.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function xlsxStream(sheetName: string, columns: ExportColumn[], rows: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // Excel refuses sheet names with * ? : \ / [ ] (a list title such as "Übersicht: …").
  const sheet = workbook.addWorksheet(sheetName.replace(/[*?:\\/[\]]/g, " ").slice(0, 31));
  sheet.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width ?? (c.kind === "day" ? 12 : c.kind === "number" ? 10 : 24),
    style: c.kind === "day" ? { numFmt: "dd.mm.yyyy" } : {},
  }));
  const dayColumns = columns.flatMap((c, i) => (c.kind === "day" ? [i] : []));
  (async () => {
    try {
      const header = sheet.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for await (const chunk of rows) {
        for (const r of chunk) {
          const row = sheet.addRow(r.map((v, i) => (columns[i]?.kind === "day" ? dayCell(v) : columns[i]?.kind === "number" && v !== null ? Number(v) : v)));
          for (const i of dayColumns) row.getCell(i + 1).numFmt = "dd.mm.yyyy";
          row.commit();
        }
        // Backpressure: wait until the reader took what was written.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
      }
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

/** The table as a stream of bytes in the chosen format. */
export function tableStream(format: ExportFormat, sheetName: string, columns: ExportColumn[], rows: AsyncIterable<Cell[][]>): ReadableStream<Uint8Array> {
  if (format === "xlsx") return Readable.toWeb(xlsxStream(sheetName, columns, rows)) as unknown as ReadableStream<Uint8Array>;
  const encoder = new TextEncoder();
  const it = csvChunks(columns, rows)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await it.return?.(undefined);
    },
  });
}

/** Rows from a small array, as the stream functions take them. */
export async function* once(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}
