import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createBatch, decideRow, dryRun, fixRow, mappingView, planBatch, saveMapping, setHeaderRow, confirmBatch, cancelBatch } from "../../../app/modules/import/batches.server";
import { runBatch, runDueImports, undoBatch, undoCheck } from "../../../app/modules/import/run.server";
import { parseUpload } from "../../../app/modules/import/parse.server";
import { resetPassword } from "../../../app/modules/accounts/commands.server";
import { createTestVolunteer } from "../../factories";
import { csvBytes, db, officeActor, rowsOf, userByEmail } from "./helpers";

let office: Awaited<ReturnType<typeof officeActor>>;
beforeAll(async () => {
  office = await officeActor();
});

/** Upload → header → suggested mapping → plan, as the office would click through. */
async function prepared(bytes: Uint8Array, fileName = "liste.csv", mapping?: (string | null)[]) {
  const id = await createBatch(office, { kind: "volunteers", fileName, bytes });
  const batch = await db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  await setHeaderRow(office, id, batch.header_row);
  const view = await mappingView(id, batch.header_row, "volunteers");
  await saveMapping(office, id, mapping ?? view.suggestion);
  return id;
}

async function planOf(batchId: number) {
  return Object.fromEntries((await rowsOf(batchId)).map((r) => [r.row_no, { plan: r.plan, errors: r.errors ? JSON.parse(r.errors) : null, target: r.target_id, candidate: r.candidate_id }]));
}

describe("reading files", () => {
  it("reads a Windows-1252 CSV with semicolons and umlauts", async () => {
    const bytes = csvBytes([["Vorname", "Nachname", "E-Mail", "Ortsteil"], ["Jürgen", "Müßig", "juergen@example.org", "Schiefbahn"], ["Örtel", "Größe", "oertel@example.org", "Anrath"]], { encoding: "windows-1252" });
    const sheet = await parseUpload(bytes, "liste.csv");
    expect(sheet.encoding).toBe("windows-1252");
    expect(sheet.delimiter).toBe(";");
    expect(sheet.rows[1]).toEqual(["Jürgen", "Müßig", "juergen@example.org", "Schiefbahn"]);
    expect(sheet.rows[2][1]).toBe("Größe");
  });

  it("reads UTF-8 with BOM and commas (Arabic names), and tabs", async () => {
    const rows = [["Name", "Email", "District"], ["ليلى حداد", "leila@example.org", "Neersen"], ["Hanna Kowalenko, jun.", "hanna@example.org", "Anrath"]];
    const comma = await parseUpload(csvBytes(rows, { delimiter: ",", bom: true }), "list.csv");
    expect(comma).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(comma.rows[1][0]).toBe("ليلى حداد");
    expect(comma.rows[2][0]).toBe("Hanna Kowalenko, jun.");
    const tab = await parseUpload(csvBytes(rows, { delimiter: "\t" }), "list.tsv");
    expect(tab.delimiter).toBe("\t");
    expect(tab.rows[1]).toEqual(rows[1]);
  });

  it("reads XLSX: the first sheet or a chosen one; a formula stays its text, never evaluated", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notizen").addRow(["nur", "Notizen"]);
    const ws = wb.addWorksheet("Ehrenamtliche");
    ws.addRow(["E-Mail", "Name", "Ortsteil", "Fähigkeiten", "Geburtsdatum"]);
    ws.addRow(["xl@example.org", "Xenia Lindner", "Alt-Willich", { formula: 'HYPERLINK("http://evil.example","klick")', result: "klick" }, new Date(Date.UTC(1980, 4, 3))]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const first = await parseUpload(bytes, "liste.xlsx");
    expect(first.sheetName).toBe("Notizen");
    expect(first.sheetNames).toEqual(["Notizen", "Ehrenamtliche"]);
    const chosen = await parseUpload(bytes, "liste.xlsx", "Ehrenamtliche");
    expect(chosen.rows[1]).toEqual(["xl@example.org", "Xenia Lindner", "Alt-Willich", '=HYPERLINK("http://evil.example","klick")', "1980-05-03"]);
    expect((await parseUpload(bytes, "liste.xlsx", "2")).sheetName).toBe("Ehrenamtliche");
    await expect(parseUpload(bytes, "liste.xlsx", "Fehlt")).rejects.toMatchObject({ key: "import:errors.noSuchSheet", field: "sheet" });
  });

  it("refuses empty, unreadable and oversized files with a message at the field", async () => {
    await expect(parseUpload(new Uint8Array(), "x.csv")).rejects.toMatchObject({ key: "import:errors.emptyFile", field: "file" });
    await expect(parseUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "x.xlsx")).rejects.toMatchObject({ key: "import:errors.unreadable" });
    await expect(parseUpload(new Uint8Array([1, 2, 3]), "x.xlsx")).rejects.toMatchObject({ key: "import:errors.unreadable" });
    const wide = csvBytes([Array.from({ length: 70 }, (_, i) => `c${i}`)]);
    await expect(parseUpload(wide, "x.csv")).rejects.toMatchObject({ key: "import:errors.tooManyColumns" });
  });
});

describe("mapping suggestions", () => {
  it("suggests from German and English headers and remembers the office's choice per kind", async () => {
    const id = await createBatch(office, { kind: "volunteers", fileName: "a.csv", bytes: csvBytes([["Mitgliedsnummer", "Vorname", "Nachname", "E-Mail-Adresse", "Handy", "Stadtteil", "Jahrgang", "Sprachen", "Kenntnisse", "Handlungsfelder", "Verfügbarkeit", "PKW", "Bemerkung"], ["1", "A", "B", "a@example.org", "", "", "", "", "", "", "", "", ""]]) });
    await setHeaderRow(office, id, 1);
    const de = await mappingView(id, 1, "volunteers");
    expect(de.suggestion).toEqual(["externalId", "firstName", "lastName", "email", "phone", "district", "birthYear", "languages", "skills", "fields", "availability", "hasCar", null]);
    const en = await createBatch(office, { kind: "volunteers", fileName: "b.csv", bytes: csvBytes([["First name", "Surname", "Email", "Phone number", "Languages", "Date of birth", "Car", "Notes"], ["A", "B", "b@example.org", "", "", "", "", ""]]) });
    await setHeaderRow(office, en, 1);
    expect((await mappingView(en, 1, "volunteers")).suggestion).toEqual(["firstName", "lastName", "email", "phone", "languages", "birthYear", "hasCar", null]);
    // The office maps "Bemerkung" to skills and says "Handy" is not to be imported: next time it is suggested so.
    await saveMapping(office, id, ["externalId", "firstName", "lastName", "email", null, "district", "birthYear", "languages", null, "fields", "availability", "hasCar", "skills"]);
    const again = await createBatch(office, { kind: "volunteers", fileName: "c.csv", bytes: csvBytes([["Bemerkung", "Handy", "E-Mail"], ["x", "y", "c@example.org"]]) });
    await setHeaderRow(office, again, 1);
    expect((await mappingView(again, 1, "volunteers")).suggestion).toEqual(["skills", null, "email"]);
  });

  it("refuses a mapping without identity, or with a field twice", async () => {
    const id = await createBatch(office, { kind: "volunteers", fileName: "a.csv", bytes: csvBytes([["A", "B"], ["x", "y"]]) });
    await setHeaderRow(office, id, 1);
    await expect(saveMapping(office, id, ["name", null])).rejects.toMatchObject({ key: "import:errors.needIdentity" });
    await expect(saveMapping(office, id, ["email", "email"])).rejects.toMatchObject({ key: "import:errors.fieldTwice" });
  });
});

describe("validation with the form's rules, a message per cell", () => {
  it("marks each bad cell and plans the good rows", async () => {
    const header = ["E-Mail", "Name", "Ortsteil", "Telefon", "Geburtsjahr", "Sprachen", "Fähigkeiten", "Verfügbarkeit", "Auto", "Geschlecht", "Handlungsfelder"];
    const ok = ["gut@example.org", "Gudrun Gut", "Schiefbahn", "02154 1234", "1970", "Deutsch Muttersprache, Arabisch B1", "Nachhilfe, Fahrrad", "Mo vormittags, Mi abends", "ja", "weiblich", "Gesundheit; Wohnen, Betreuung, Integration"];
    const rows = [
      header,
      ok,
      ["kaputt", "Karl Kaputt", "Anrath", "", "", "", "", "", "", "", ""],
      ["k2@example.org", "K2 R2", "Anrath", "", "", "", "", "", "", "", ""],
      ["k3@example.org", "Karla Drei", "Mars", "abc", "1850", "Deutsch", "", "Feiertags", "vielleicht", "anders", "Raumfahrt"],
      ["k4@example.org", "Kim Vier", "", "", "", "Klingonisch C1", Array.from({ length: 16 }, (_, i) => `s${i}`).join(", "), "", "", "", ""],
      ["", "", "", "", "", "", "", "", "", "", ""],
      ["gut@example.org", "Gudrun Doppelt", "Anrath", "", "", "", "", "", "", "", ""],
    ];
    const id = await prepared(csvBytes(rows));
    const plan = await planOf(id);
    expect(plan[2]).toMatchObject({ plan: "create", errors: null });
    expect(plan[3]).toMatchObject({ plan: "error", errors: { "0": ["errors.invalidEmail"] } });
    expect(plan[4]).toMatchObject({ plan: "error", errors: { "1": ["errors.invalidName"] } });
    const e5 = plan[5].errors;
    expect(e5["2"]).toEqual(["errors.invalidChoice"]);
    expect(e5["3"]).toEqual(["errors.invalidPhone"]);
    expect(e5["4"][0]).toMatch(/^volunteers:errors.birthYearRange/);
    expect(e5["5"]).toEqual(["volunteers:errors.levelRequired"]);
    expect(e5["7"]).toEqual(["errors.invalidChoice"]);
    expect(e5["8"]).toEqual(["errors.invalidChoice"]);
    expect(e5["9"]).toEqual(["errors.invalidChoice"]);
    expect(e5["10"]).toEqual(["errors.invalidChoice"]);
    const e6 = plan[6].errors;
    expect(e6["5"][0]).toMatch(/^import:errors.unknownLanguage/);
    expect(e6["6"][0]).toMatch(/^volunteers:errors.tooManySkills/);
    expect(e6["2"]).toEqual(["errors.required"]);
    expect(plan[7].plan).toBe("empty");
    expect(plan[8].errors["0"]).toEqual(["import:errors.twiceInFile"]);
    expect(await dryRun(id)).toMatchObject({ create: 1, update: 0, errors: 5, empty: 1 });
  });

  it("a row fixed in the page is checked again; a skipped row is skipped; both keep the input", async () => {
    const id = await prepared(csvBytes([["E-Mail", "Name", "Ortsteil"], ["fix@example.org", "Fritz Fix", "Mond"], ["skip@example.org", "S1", "Anrath"]]));
    await fixRow(office, id, 2, { 2: "Neersen" });
    expect((await planOf(id))[2]).toMatchObject({ plan: "create", errors: null });
    await fixRow(office, id, 3, { 1: "Sabine Skip" });
    await decideRow(office, id, 3, "skip");
    expect((await planOf(id))[3].plan).toBe("skip");
    await decideRow(office, id, 3, "include");
    expect((await planOf(id))[3].plan).toBe("create");
    const row = (await rowsOf(id)).find((r) => r.row_no === 2)!;
    expect(JSON.parse(row.cells)[2]).toBe("Mond");
    expect(JSON.parse(row.fixes!)).toEqual({ "2": "Neersen" });
  });
});

describe("matching, duplicates, blank cells, invitation, undo", () => {
  it("updates by e-mail without touching blank cells, asks about name + birth year, invites new people", async () => {
    const known = await createTestVolunteer(db(), { name: "Bernd Bekannt", email: "bernd@example.org", phone: "02154 999", districtId: 1, skills: ["Kochen"] });
    await db().updateTable("volunteer_profile").set({ birth_year: 1960 }).where("user_id", "=", known.id).execute();
    const twin = await createTestVolunteer(db(), { name: "Doris Doppel", email: "doris.alt@example.org" });
    await db().updateTable("volunteer_profile").set({ birth_year: 1975 }).where("user_id", "=", twin.id).execute();
    const rows = [
      ["Nr", "E-Mail", "Name", "Telefon", "Ortsteil", "Fähigkeiten", "Geburtsjahr", "Sprachen"],
      ["V-1", "BERND@example.org", "", "", "Neersen", "", "", "ar:B2"],
      ["V-2", "doris.neu@example.org", "Doris Doppel", "", "Anrath", "", "1975", ""],
      ["V-3", "neu@example.org", "Nadia Neu", "", "Schiefbahn", "Lesen", "", "Arabisch Muttersprache"],
    ];
    const id = await prepared(csvBytes(rows));
    const plan = await planOf(id);
    expect(plan[2]).toMatchObject({ plan: "update", target: known.id });
    expect(plan[3]).toMatchObject({ plan: "duplicate", candidate: twin.id });
    expect(plan[4].plan).toBe("create");
    expect(await dryRun(id)).toMatchObject({ create: 1, update: 1, duplicates: 1, undecided: 1 });
    await decideRow(office, id, 3, "update");
    expect(await dryRun(id)).toMatchObject({ create: 1, update: 2, undecided: 0 });

    await confirmBatch(office, id);
    expect(await runBatch(id)).toBe("done");
    const b = await db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ status: "done", created_count: 1, updated_count: 2, failed_count: 0 });

    const bernd = (await userByEmail("bernd@example.org"))!;
    expect(bernd.name).toBe("Bernd Bekannt");
    expect(bernd.phone).toBe("02154 999");
    expect(bernd.district_id).toBe(4);
    expect(bernd.birth_year).toBe(1960);
    expect((await db().selectFrom("volunteer_skill").select("skill").where("user_id", "=", known.id).execute()).map((s) => s.skill)).toEqual(["Kochen"]);
    expect(await db().selectFrom("volunteer_language").select(["language_code", "level"]).where("user_id", "=", known.id).execute()).toEqual([{ language_code: "ar", level: "B2" }]);
    const doris = (await db().selectFrom("user").select("email").where("id", "=", twin.id).executeTakeFirstOrThrow()).email;
    expect(doris).toBe("doris.alt@example.org");
    expect((await db().selectFrom("volunteer_profile").select("district_id").where("user_id", "=", twin.id).executeTakeFirstOrThrow()).district_id).toBe(3);

    const nadia = (await userByEmail("neu@example.org"))!;
    expect(nadia).toMatchObject({ name: "Nadia Neu", status: "registered", district_id: 2, email_verified_at: null });
    expect(await db().selectFrom("consent_record").select("id").where("user_id", "=", nadia.user_id).execute()).toEqual([]);
    const mail = await db().selectFrom("outbox").selectAll().where("to_address", "=", "neu@example.org").executeTakeFirstOrThrow();
    expect(mail.template).toBe("import-invitation");
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", "bernd@example.org").where("template", "=", "import-invitation").execute()).toEqual([]);

    // Matched by the stable id next time, even with another e-mail in the sheet.
    const next = await prepared(csvBytes([["Nr", "E-Mail", "Name"], ["V-3", "nadia.anders@example.org", "Nadia Neu-Name"]]));
    expect((await planOf(next))[2]).toMatchObject({ plan: "update", target: nadia.user_id });
    await cancelBatch(office, next);
    expect(await rowsOf(next)).toEqual([]);

    // Undo restores the updated fields and removes the created person, while nothing changed since.
    expect(await undoCheck(id)).toEqual([]);
    await undoBatch(office, id);
    const after = (await userByEmail("bernd@example.org"))!;
    expect(after.district_id).toBe(1);
    expect(await db().selectFrom("volunteer_language").select(["language_code", "level"]).where("user_id", "=", known.id).execute()).toEqual([{ language_code: "de", level: "native" }]);
    expect((await db().selectFrom("volunteer_profile").select("district_id").where("user_id", "=", twin.id).executeTakeFirstOrThrow()).district_id).toBe(1);
    expect(await userByEmail("neu@example.org")).toBeUndefined();
    expect(await db().selectFrom("outbox").select("id").where("to_address", "=", "neu@example.org").where("status", "=", "pending").execute()).toEqual([]);
    expect((await db().selectFrom("import_batch").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("undone");
    await expect(undoBatch(office, id)).rejects.toMatchObject({ key: "import:errors.notUndoable" });
    expect(token.length).toBeGreaterThan(10);
  });

  it("the invitation link sets a password; undo is then refused (the person changed since)", async () => {
    const id = await prepared(csvBytes([["E-Mail", "Name", "Ortsteil"], ["inv@example.org", "Ida Eingeladen", "Anrath"], ["inv2@example.org", "Ina Zwei", "Anrath"]]));
    await confirmBatch(office, id);
    await runBatch(id);
    const mail = await db().selectFrom("outbox").select("text").where("to_address", "=", "inv@example.org").executeTakeFirstOrThrow();
    const token = /reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await resetPassword({ token, password: "ein gutes passwort" });
    const blockers = await undoCheck(id);
    expect(blockers).toHaveLength(1);
    await expect(undoBatch(office, id)).rejects.toMatchObject({ key: "import:errors.changedSince", values: { count: 1 } });
    expect(await userByEmail("inv2@example.org")).toBeDefined();
  });

  it("undo is refused when an updated field was edited later", async () => {
    const v = await createTestVolunteer(db(), { name: "Egon Edit", email: "egon@example.org", phone: "02154 111" });
    const id = await prepared(csvBytes([["E-Mail", "Telefon"], ["egon@example.org", "02154 222"]]), "e.csv", ["email", "phone"]);
    await confirmBatch(office, id);
    await runBatch(id);
    await db().updateTable("volunteer_profile").set({ phone: "02154 333" }).where("user_id", "=", v.id).execute();
    await expect(undoBatch(office, id)).rejects.toMatchObject({ key: "import:errors.changedSince" });
    expect((await userByEmail("egon@example.org"))!.phone).toBe("02154 333");
  });
});

describe("hostile cells", () => {
  it("formulas, markup and 100 kB strings are kept as text, never evaluated, and refused where the form refuses them", async () => {
    const big = "x".repeat(100 * 1024);
    const rows = [
      ["E-Mail", "Name", "Ortsteil", "Fähigkeiten"],
      ["h1@example.org", "Hanna Harmlos", "Anrath", '=HYPERLINK("http://evil.example","klick")'],
      ["h2@example.org", "<script>alert(1)</script>", "Anrath", ""],
      ["h3@example.org", "Hugo Groß", "Anrath", big],
      ["h4@example.org", "=1+1", "Anrath", "<b>fett</b>"],
    ];
    const id = await prepared(csvBytes(rows));
    const plan = await planOf(id);
    expect(plan[2].plan).toBe("create");
    expect(plan[3].errors["1"]).toContain("errors.forbiddenCharacters");
    expect(plan[4].errors["3"][0]).toMatch(/^errors.tooLong/);
    expect(plan[5].errors["1"]).toEqual(["errors.invalidName"]);
    expect(plan[5].errors["3"]).toEqual(["errors.forbiddenCharacters"]);
    const stored = (await rowsOf(id)).find((r) => r.row_no === 4)!;
    expect(JSON.parse(stored.cells)[3]).toHaveLength(100 * 1024);
    await confirmBatch(office, id);
    await runBatch(id);
    const h1 = (await userByEmail("h1@example.org"))!;
    const skills = (await db().selectFrom("volunteer_skill").select("skill").where("user_id", "=", h1.user_id).execute()).map((s) => s.skill);
    // The formula's text, split at its comma like any skill list: stored, not evaluated.
    expect(skills.sort()).toEqual(['"klick")', '=HYPERLINK("http://evil.example"']);
    expect(await userByEmail("h2@example.org")).toBeUndefined();
  });
});

describe("background run", () => {
  it("survives a restart in the middle: resumes after the lease, no row twice, exact counts", async () => {
    const rows = [["E-Mail", "Name", "Ortsteil"], ...Array.from({ length: 1200 }, (_, i) => [`r${i}@example.org`, `Rita Neustart ${String.fromCharCode(65 + (i % 26))}`, "Anrath"])];
    const id = await prepared(csvBytes(rows));
    await confirmBatch(office, id);
    const t0 = Date.now();
    // The process "dies" after one chunk: the batch stays running with its lease.
    expect(await runBatch(id, { maxChunks: 1, clock: () => new Date(t0) })).toBe("stopped");
    const mid = await db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(mid).toMatchObject({ status: "running", processed: 500, created_count: 500 });
    // Another process does not take it while the lease holds …
    expect(await runBatch(id, { clock: () => new Date(t0 + 1000) })).toBe("not-claimed");
    // … and resumes it once the lease ran out (what the background loop does after a restart).
    expect(await runDueImports(() => new Date(t0 + 10 * 60_000))).toBe(1);
    const end = await db().selectFrom("import_batch").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(end).toMatchObject({ status: "done", processed: 1200, created_count: 1200, failed_count: 0, resumed_count: 1 });
    const n = await db().selectFrom("user").select((eb) => eb.fn.countAll<number>().as("n")).where("email", "like", "r%@example.org").executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1200);
    const mails = await db().selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).where("template", "=", "import-invitation").where("to_address", "like", "r%@example.org").executeTakeFirstOrThrow();
    expect(Number(mails.n)).toBe(1200);
  });

  it("someone who registered meanwhile is reported, not created twice", async () => {
    const id = await prepared(csvBytes([["E-Mail", "Name", "Ortsteil"], ["late@example.org", "Lea Spät", "Anrath"]]));
    await createTestVolunteer(db(), { email: "late@example.org", name: "Lea Schneller" });
    await confirmBatch(office, id);
    await runBatch(id);
    expect(await db().selectFrom("import_batch").select(["created_count", "failed_count"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ created_count: 0, failed_count: 1 });
    expect((await rowsOf(id)).find((r) => r.row_no === 2)).toMatchObject({ state: "failed", outcome: "import:outcome.emailTaken" });
  });

  it("planning the same rows again gives the same plan", async () => {
    const id = await prepared(csvBytes([["E-Mail", "Name", "Ortsteil"], ["idem@example.org", "Ida Idem", "Anrath"]]));
    const before = await planOf(id);
    await planBatch(id);
    expect(await planOf(id)).toEqual(before);
  });
});
