import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as index from "../../../app/routes/office.import._index";
import * as step from "../../../app/routes/office.import.$id";
import { runDueImports } from "../../../app/modules/import/run.server";
import { createTestUser, createTestVolunteer } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { renderRoute } from "../../setup/render";
import { csvBytes, db, userByEmail } from "./helpers";

let office: string;
let volunteer: string;
beforeAll(async () => {
  office = await sessionCookie((await createTestUser(db(), { roles: ["coordinator"] })).id);
  volunteer = await sessionCookie((await createTestVolunteer(db())).id);
});

function upload(bytes: Uint8Array | null, fields: Record<string, string> = { kind: "volunteers" }, name = "liste.xlsx") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (bytes) form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return makeRequest("/office/import", { method: "POST", form, cookie: office });
}

const post = (id: number, form: Record<string, string | string[]>, cookie = office) => run(step.action, makeRequest(`/office/import/${id}`, { form, cookie }), { id: String(id) });
const get = (id: number, query = "") => run(step.loader, makeRequest(`/office/import/${id}${query}`, { cookie: office }), { id: String(id) });
const count = async (table: "import_batch" | "user") => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

describe("the import pages, end to end without JavaScript", () => {
  it("XLSX with one bad row: upload, header, mapping, fix in the page, confirm, progress, report, undo", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Liste");
    ws.addRow(["Ehrenamtliche Stand Mai"]);
    ws.addRow(["Vorname", "Nachname", "E-Mail", "Ortsteil", "Sprachen"]);
    ws.addRow(["Amal", "Haddad", "amal@example.org", "Schiefbahn", "Arabisch Muttersprache, Deutsch B2"]);
    ws.addRow(["Petra", "Probe", "petra@example", "Anrath", ""]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const up = await run(index.action, upload(bytes));
    expect(up.status).toBe(302);
    const id = Number(up.location!.split("/").pop());

    const header = await get(id);
    expect(header.data).toMatchObject({ step: "header", batch: { headerRow: 2, format: "xlsx", sheetName: "Liste" } });
    expect((await post(id, { intent: "header", headerRow: "2" })).status).toBe(302);
    const mapping = await get(id);
    expect(mapping.data).toMatchObject({ step: "mapping", mapping: ["firstName", "lastName", "email", "district", "languages"] });
    expect((await post(id, { intent: "mapping", "columns[0]": "firstName", "columns[1]": "lastName", "columns[2]": "email", "columns[3]": "district", "columns[4]": "languages" })).status).toBe(302);

    const review = await get(id);
    expect(review.data.step).toBe("review");
    expect(review.data.summary).toMatchObject({ create: 1, errors: 1 });
    expect(review.data.errorRows[0]).toMatchObject({ rowNo: 4, errors: { "2": ["errors.invalidEmail"] } });
    // A bad value in the fix form: the row stays an error, the input is kept.
    expect((await post(id, { intent: "fix", row: "4", cols: "2", "cells[2]": "immer noch kaputt" })).status).toBe(302);
    expect((await get(id)).data.errorRows[0].cells[2]).toBe("immer noch kaputt");
    expect((await post(id, { intent: "fix", row: "4", cols: "2", "cells[2]": "petra@example.org" })).status).toBe(302);
    expect((await get(id)).data.summary).toMatchObject({ create: 2, errors: 0 });

    expect((await post(id, { intent: "confirm" })).status).toBe(302);
    const progress = await get(id);
    expect(progress.data).toMatchObject({ step: "progress", batch: { status: "queued" } });
    const meta = step.meta({ data: progress.data, matches: [] } as never);
    expect(meta).toContainEqual({ httpEquiv: "refresh", content: "3" });
    // Confirming twice does nothing more.
    expect((await post(id, { intent: "confirm" })).status).toBe(400);

    await runDueImports();
    const report = await get(id);
    expect(report.data).toMatchObject({ step: "report", batch: { status: "done", counts: { created: 2 } }, blockers: 0 });
    expect(await userByEmail("amal@example.org")).toMatchObject({ name: "Amal Haddad", district_id: 2 });

    expect((await post(id, { intent: "undo" })).status).toBe(302);
    expect(await userByEmail("amal@example.org")).toBeUndefined();
    expect((await get(id)).data.batch.status).toBe("undone");
  });

  it("bad input: no file, a file that is no spreadsheet, an unknown kind, a missing sheet: message at the field, nothing written", async () => {
    const before = await count("import_batch");
    const none = await run(index.action, upload(null));
    expect(none.status).toBe(400);
    expect(none.data.error.file).toEqual(["import:errors.fileRequired"]);
    const junk = await run(index.action, upload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]), { kind: "volunteers" }));
    expect(junk.status).toBe(400);
    expect(junk.data.error.file).toEqual(["import:errors.unreadable"]);
    const kind = await run(index.action, upload(csvBytes([["E-Mail"], ["a@example.org"]]), { kind: "raketen" }, "a.csv"));
    expect(kind.status).toBe(400);
    expect(kind.data.error.kind).toEqual(["errors.invalidChoice"]);
    expect(kind.data.initialValue.kind).toBe("raketen");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Eins").addRow(["a", "b"]);
    const sheet = await run(index.action, upload(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), { kind: "volunteers", sheet: "Zwei" }));
    expect(sheet.status).toBe(400);
    expect(sheet.data.error.sheet[0]).toMatch(/^import:errors.noSuchSheet\|/);
    expect(sheet.data.initialValue.sheet).toBe("Zwei");
    expect(await count("import_batch")).toBe(before);
  });

  it("bad input in the steps: 400 with the message, the batch unchanged", async () => {
    const up = await run(index.action, upload(csvBytes([["E-Mail", "Name"], ["x@example.org", "Xaver Test"]]), { kind: "volunteers" }, "x.csv"));
    const id = Number(up.location!.split("/").pop());
    const header = await post(id, { intent: "header", headerRow: "99" });
    expect(header.status).toBe(400);
    expect(header.data.error.headerRow).toEqual(["errors.invalidChoice"]);
    await post(id, { intent: "header", headerRow: "1" });
    const mapping = await post(id, { intent: "mapping", "columns[0]": "name", "columns[1]": "" });
    expect(mapping.status).toBe(400);
    expect(mapping.data.error[""]).toEqual(["import:errors.needIdentity"]);
    const unknownField = await post(id, { intent: "mapping", "columns[0]": "password", "columns[1]": "name" });
    expect(unknownField.status).toBe(400);
    expect(unknownField.data.error["columns[0]"]).toEqual(["errors.invalidChoice"]);
    expect((await get(id)).data.step).toBe("mapping");
    expect((await post(id, { intent: "nonsense" })).status).toBe(400);
    expect((await post(id, { intent: "decide", row: "2", decision: "update" })).status).toBe(400);
  });

  it("only the office: a volunteer gets 403, an unknown or malformed id 404", async () => {
    expect((await run(index.loader, makeRequest("/office/import", { cookie: volunteer }))).status).toBe(403);
    const users = await count("user");
    expect((await run(index.action, makeRequest("/office/import", { method: "POST", form: new FormData(), cookie: volunteer }))).status).toBe(403);
    expect(await count("user")).toBe(users);
    expect((await run(step.loader, makeRequest("/office/import/abc", { cookie: office }), { id: "abc" })).status).toBe(404);
    expect((await get(987654)).status).toBe(404);
  });
});

describe("the pages render at every step, hostile cells escaped (German and Arabic)", () => {
  it("header, mapping, review, progress and report render; markup in cells is shown as text", async () => {
    const rows = [
      ["E-Mail", "Name", "Ortsteil", "Fähigkeiten"],
      ["r1@example.org", "<script>alert(1)</script>", "Anrath", '=HYPERLINK("http://evil.example","klick")'],
      ["r2@example.org", "Rania Render", "Neersen", "<img src=x onerror=alert(2)>"],
      ["r3@example.org", "Rolf Render", "Anrath", ""],
    ];
    const up = await run(index.action, upload(csvBytes(rows), { kind: "volunteers" }, "r.csv"));
    const id = Number(up.location!.split("/").pop());
    const page = async (lang: "de" | "ar") => renderRoute(step as never, `/office/import/${id}`, { cookie: office, params: { id: String(id) }, lang });
    const check = async () => {
      for (const lang of ["de", "ar"] as const) {
        const r = await page(lang);
        expect(r.status).toBe(200);
        expect(r.html).not.toContain("<script>alert");
        expect(r.html).not.toContain("<img src=x");
      }
    };
    await check();
    expect((await page("de")).html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    await post(id, { intent: "header", headerRow: "1" });
    await check();
    await post(id, { intent: "mapping", "columns[0]": "email", "columns[1]": "name", "columns[2]": "district", "columns[3]": "skills" });
    await check();
    const review = await page("de");
    expect(review.text).toContain("Zeile 2");
    expect(review.html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    await post(id, { intent: "confirm" });
    await check();
    expect((await page("de")).text).toMatch(/0 von 3 Zeilen/);
    await runDueImports();
    await check();
    expect((await page("de")).text).toContain("1 Person neu angelegt");
    expect((await page("ar")).text).toContain("التراجع عن الاستيراد");
  });
});

describe("the further kinds through the pages (no JavaScript)", () => {
  it("associations: the mapping offers their fields, the dry run's 'already verified' choice is kept, the report names associations", async () => {
    const rows = [
      ["Vereinsname", "Rechtsform", "Straße", "PLZ", "Ort", "Ortsteil", "E-Mail", "Handlungsfelder", "Sprachen"],
      ["Schachfreunde Neersen", "Initiative", "Niersweg 1", "47877", "Willich", "Neersen", "schach@example.org", "Ehrenamt", "Deutsch"],
    ];
    const up = await run(index.action, upload(csvBytes(rows, { encoding: "windows-1252" }), { kind: "organisations" }, "vereine.csv"));
    expect(up.status).toBe(302);
    const id = Number(up.location!.split("/").pop());
    const page = (lang: "de" | "ar" = "de") => renderRoute(step as never, `/office/import/${id}`, { cookie: office, params: { id: String(id) }, lang });
    await post(id, { intent: "header", headerRow: "1" });
    const mapping = await page();
    expect(mapping.html).toContain("Registernummer (z. B. VR 1234)");
    expect(mapping.html).not.toContain("Auto vorhanden");
    await post(id, { intent: "mapping", "columns[0]": "name", "columns[1]": "legalForm", "columns[2]": "street", "columns[3]": "postalCode", "columns[4]": "town", "columns[5]": "district", "columns[6]": "email", "columns[7]": "fields", "columns[8]": "languages" });
    const review = await page();
    expect(review.text).toContain("1 Verein wird neu angelegt");
    expect(review.text).toContain("Die importierten Vereine sind bereits geprüft");
    expect((await post(id, { intent: "options", verified: "on" })).status).toBe(302);
    expect((await db().selectFrom("import_batch").select("options").where("id", "=", id).executeTakeFirstOrThrow()).options).toBe('{"verified":true}');
    expect((await page("ar")).status).toBe(200);
    await post(id, { intent: "confirm" });
    await runDueImports();
    expect((await page()).text).toContain("1 Verein neu angelegt");
    const status = await db().selectFrom("organisation as o").innerJoin("association_profile as p", "p.organisation_id", "o.id").select("p.status").where("o.name", "=", "Schachfreunde Neersen").executeTakeFirstOrThrow();
    expect(status.status).toBe("verified");
  });

  it("households: the report counts those whose consent is still to be recorded", async () => {
    const rows = [
      ["Kontaktperson", "Ortsteil", "Erwachsene", "Bedarf 1", "Größe 1"],
      ["Yusuf Beispiel", "Anrath", "2", "Schuhe", "38"],
    ];
    const up = await run(index.action, upload(csvBytes(rows), { kind: "households" }, "haushalte.csv"));
    const id = Number(up.location!.split("/").pop());
    await post(id, { intent: "header", headerRow: "1" });
    await post(id, { intent: "mapping", "columns[0]": "contactName", "columns[1]": "district", "columns[2]": "adults", "columns[3]": "need1Category", "columns[4]": "need1Size" });
    const review = await renderRoute(step as never, `/office/import/${id}`, { cookie: office, params: { id: String(id) }, lang: "de" });
    expect(review.text).toContain("Einwilligung noch zu erfassen");
    await post(id, { intent: "confirm" });
    await runDueImports();
    const report = await renderRoute(step as never, `/office/import/${id}`, { cookie: office, params: { id: String(id) }, lang: "de" });
    expect(report.text).toContain("1 Haushalt neu angelegt");
    expect(report.text).toContain("1 Haushalt wartet auf die Erfassung der Einwilligung");
  });
});
