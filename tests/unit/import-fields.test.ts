import { describe, expect, it } from "vitest";
import { headerKey, mappingProblems, suggestMapping } from "../../app/modules/import/fields";
import { decodeText, detectDelimiter, zipUncompressedSize } from "../../app/modules/import/parse.server";

describe("import: header names", () => {
  it("folds case, umlauts and punctuation", () => {
    expect(headerKey(" E-Mail-Adresse ")).toBe("emailadresse");
    expect(headerKey("Verfügbarkeit")).toBe("verfuegbarkeit");
    expect(headerKey("Straße")).toBe("strasse");
    // Another script keeps its letters, so a heading in Arabic can be remembered too.
    expect(headerKey("البريد الإلكتروني")).toBe("البريدالإلكتروني");
  });

  it("suggests each field once; the office's remembered choice wins, also 'not imported'", () => {
    expect(suggestMapping(["E-Mail", "Email", "Vorname"])).toEqual(["email", null, "firstName"]);
    const remembered = new Map([["kontakt", "email"], ["vorname", ""]]);
    expect(suggestMapping(["Kontakt", "Vorname", "Nachname"], remembered)).toEqual(["email", null, "lastName"]);
  });

  it("names what a mapping lacks", () => {
    expect(mappingProblems(["email", "name"])).toEqual([]);
    expect(mappingProblems(["externalId", "firstName"])).toEqual([]);
    expect(mappingProblems([null, "name"])).toEqual(["import:errors.needIdentity"]);
    expect(mappingProblems(["email", null])).toEqual([]);
    expect(mappingProblems(["email", "email"])).toEqual(["import:errors.fieldTwice"]);
  });
});

describe("import: text files", () => {
  it("detects UTF-8 (BOM dropped) and falls back to Windows-1252", () => {
    expect(decodeText(new Uint8Array(Buffer.from("\uFEFFMüller;Köln", "utf8")))).toEqual({ text: "Müller;Köln", encoding: "utf-8" });
    expect(decodeText(new Uint8Array(Buffer.from("Müller;Köln;€", "latin1")))).toMatchObject({ encoding: "windows-1252" });
    // 0x80 is the euro sign in Windows-1252 (not a control character as in Latin-1).
    expect(decodeText(new Uint8Array([0x80, 0x3b, 0x41])).text).toBe("€;A");
  });

  it("detects the delimiter from the lines that agree, quotes respected", () => {
    expect(detectDelimiter("a;b;c\n1;2;3\n")).toBe(";");
    expect(detectDelimiter('a,b,c\n"x; y",2,3\n')).toBe(",");
    expect(detectDelimiter("a\tb\tc\n1,5\t2\t3\n")).toBe("\t");
    expect(detectDelimiter('Name;Ort\n"Kowalenko, Hanna";Anrath\n')).toBe(";");
  });
});

describe("import: XLSX size before unpacking", () => {
  it("reads the entries' unpacked sizes from the ZIP directory; garbage is null", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").addRow(["x".repeat(5000)]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const size = zipUncompressedSize(bytes)!;
    expect(size).toBeGreaterThan(5000);
    expect(size).toBeGreaterThan(bytes.byteLength);
    expect(zipUncompressedSize(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
  });
});
