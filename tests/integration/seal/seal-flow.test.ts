/**
 * The integration seal end to end (issue #15), through the routes as each role uses them: an
 * association applies, the office screens, two jurors declare and score, the office decides, the
 * public register and the verification page show it, the office revokes; the renewal reminder.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import { runDailyJobs } from "../../../app/modules/jobs/daily.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import * as applyList from "../../../app/routes/verein.siegel._index";
import * as applyPage from "../../../app/routes/verein.siegel.$id";
import * as officeList from "../../../app/routes/office.seal._index";
import * as officePage from "../../../app/routes/office.seal.$id";
import * as juryOffice from "../../../app/routes/office.seal.jury";
import * as juryList from "../../../app/routes/jury.siegel._index";
import * as juryPage from "../../../app/routes/jury.siegel.$id";
import * as register from "../../../app/routes/siegel._index";
import * as verify from "../../../app/routes/siegel.$code";
import * as badge from "../../../app/routes/siegel.$code_.badge[.]svg";
import * as certificate from "../../../app/routes/verein.siegel.$id_.urkunde[.]pdf";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser, type UserOverrides } from "../../factories";
import type { Role } from "../../../db/schema";
import { createTestCatalogue, TINY_PDF } from "../../factories/seal";
import { makeTestAdmins } from "../../factories/associations";
import { makeJpegWithExif, makePng } from "../../factories/images";
import * as evidenceFile from "../../../app/routes/siegel.nachweis.$id";
import * as summary from "../../../app/routes/office.seal.bericht.$format";
import * as letter from "../../../app/routes/verein.siegel.$id_.bescheid[.]pdf";

const db = () => getDb();
type Who = { id: string; email: string; cookie: string };
let member: Who; // admin of `own`, writes in Ukrainian
let otherMember: Who; // admin of `other`
let coordinator: Who;
let juror1: Who;
let juror2: Who;
let juror3: Who; // declares a conflict
let outsider: Who; // on the jury, never assigned
let ownId: number;
let otherId: number;
let criterionIds: number[];
let appId: number;

async function who(roles: Role[], extra: Omit<UserOverrides, "roles"> = {}): Promise<Who> {
  const u = await createTestUser(db(), { roles, ...extra });
  return { id: u.id, email: u.email, cookie: await sessionCookie(u.id) };
}

/** The message keys of a conform reply, per field. */
function errorsOf(reply: any): Record<string, string[]> {
  expect(reply?.status, JSON.stringify(reply)).toBe("error");
  return reply.error ?? {};
}

const count = async (table: "seal_application" | "seal_answer" | "seal_assignment" | "seal_score" | "seal_award" | "seal_event" | "seal_juror" | "outbox") =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

const post = (route: { action?: unknown }, path: string, form: Record<string, string>, cookie: string, params: Record<string, string> = {}) =>
  run(route.action as never, makeRequest(path, { form, cookie }), params);
const get = (route: { loader?: unknown }, path: string, cookie: string | undefined, params: Record<string, string> = {}) =>
  run(route.loader as never, makeRequest(path, { cookie }), params);

beforeAll(async () => {
  ({ criterionIds } = await createTestCatalogue(db(), { electiveMin: 3 }));
  ownId = (await createTestOrganisation(db(), { name: "Sportfreunde Beispielstadt e.V.", town: "Willich" })).id;
  otherId = (await createTestOrganisation(db(), { name: "Chor Anderswo e.V." })).id;
  member = await who(["association_member"], { organisationIds: [ownId], locale: "uk", email: "vorstand@sportfreunde.example.org" });
  otherMember = await who(["association_member"], { organisationIds: [otherId] });
  // Applying for the seal is for an association's admins (`apply:seal:own`, ADR 0032).
  await makeTestAdmins(db(), ownId, [member.id]);
  await makeTestAdmins(db(), otherId, [otherMember.id]);
  coordinator = await who(["coordinator"]);
  juror1 = await who(["volunteer"], { name: "Jana Jury", email: "jana.jury@example.org" });
  juror2 = await who(["association_member"], { organisationIds: [otherId], name: "Karl Kammer" });
  juror3 = await who(["volunteer"], { name: "Lea Lokal" });
  outsider = await who(["volunteer"], { name: "Otto Ohne" });
});

describe("the association applies", () => {
  it("refuses people who belong to no association, and the office's own roles on /verein/siegel", async () => {
    const volunteer = await who(["volunteer"]);
    expect((await get(applyList, "/verein/siegel", volunteer.cookie)).status).toBe(403);
    expect((await get(applyList, "/verein/siegel", undefined)).status).toBe(302);
  });

  it("starts a draft for its own organisation only (another's id is a 404, nothing written)", async () => {
    const before = await count("seal_application");
    expect((await post(applyList, "/verein/siegel", { intent: "start", organisationId: String(otherId) }, member.cookie)).status).toBe(404);
    const bad = await post(applyList, "/verein/siegel", { intent: "start", organisationId: "abc" }, member.cookie);
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.data).organisationId).toEqual(["errors.invalidChoice"]);
    expect(await count("seal_application")).toBe(before);

    const res = await post(applyList, "/verein/siegel", { intent: "start", organisationId: String(ownId) }, member.cookie);
    expect(res.status).toBe(302);
    appId = Number(/\/verein\/siegel\/(\d+)$/.exec(res.location!)![1]);
    const app = await db().selectFrom("seal_application").selectAll().where("id", "=", appId).executeTakeFirstOrThrow();
    expect(app).toMatchObject({ organisation_id: ownId, status: "draft", catalogue_version: 1 });

    // One running application per organisation.
    const again = await post(applyList, "/verein/siegel", { intent: "start", organisationId: String(ownId) }, member.cookie);
    expect(again.status).toBe(400);
    expect(errorsOf(again.data).organisationId).toEqual(["seal:errors.openApplication"]);
  });

  it("hides the application from other associations (404) and lists it only for its own", async () => {
    expect((await get(applyPage, `/verein/siegel/${appId}`, otherMember.cookie, { id: String(appId) })).status).toBe(404);
    expect((await post(applyPage, `/verein/siegel/${appId}`, { intent: "submit" }, otherMember.cookie, { id: String(appId) })).status).toBe(404);
    expect((await get(applyPage, `/verein/siegel/x1`, member.cookie, { id: "x1" })).status).toBe(404);
    const list = await get(applyList, "/verein/siegel", otherMember.cookie);
    expect(list.data.applications).toEqual([]);
    const own = await get(applyList, "/verein/siegel", member.cookie);
    expect(own.data.applications.map((a: { id: number }) => a.id)).toEqual([appId]);
  });

  it("answers with field messages on bad input and keeps it, writing nothing", async () => {
    const path = `/verein/siegel/${appId}`;
    const params = { id: String(appId) };
    const hostile = await post(applyPage, path, { intent: "answer", criterionId: String(criterionIds[0]), selfScore: "7", statement: "<script>alert(1)</script>", evidence: "x".repeat(4001) }, member.cookie, params);
    expect(hostile.status).toBe(400);
    const errors = errorsOf(hostile.data);
    expect(errors.selfScore).toEqual(["errors.invalidChoice"]);
    expect(errors.statement).toEqual(["errors.forbiddenCharacters"]);
    expect(errors.evidence?.[0]).toMatch(/^errors\.tooLong/);
    expect(hostile.data.initialValue.statement).toBe("<script>alert(1)</script>");
    const empty = await post(applyPage, path, { intent: "answer", criterionId: String(criterionIds[0]), selfScore: "", statement: "  " }, member.cookie, params);
    const emptyErrors = errorsOf(empty.data);
    expect(emptyErrors.selfScore?.[0]).toMatch(/^errors\.(required|invalidChoice)$/);
    expect(emptyErrors.statement).toEqual(["errors.required"]);
    // A criterion of no catalogue of this application: 404.
    expect((await post(applyPage, path, { intent: "answer", criterionId: "999999", selfScore: "2", statement: "Text" }, member.cookie, params)).status).toBe(404);
    expect(await count("seal_answer")).toBe(0);
  });

  it("takes evidence files checked by content: images lose their metadata, a wrong type behind a right name or a huge file is refused", async () => {
    const path = `/verein/siegel/${appId}`;
    const params = { id: String(appId) };
    const upload = (data: Uint8Array, name: string, type: string, cookie = member.cookie, criterionId = criterionIds[0]) => {
      const fd = new FormData();
      fd.append("intent", "evidence");
      fd.append("criterionId", String(criterionId));
      fd.append("file", new File([new Uint8Array(data)], name, { type }));
      return run(applyPage.action, makeRequest(path, { form: fd, cookie }), params);
    };
    const files = () => db().selectFrom("seal_evidence").select(["id", "mime", "data", "file_name"]).where("application_id", "=", appId).orderBy("id").execute();

    const fake = await upload(Buffer.from("Dies ist keine PDF-Datei, nur Text."), "beitragsordnung.pdf", "application/pdf");
    expect(fake.status).toBe(400);
    expect(errorsOf(fake.data).file).toEqual(["seal:errors.fileType"]);
    const huge = Buffer.concat([TINY_PDF.subarray(0, 9), Buffer.alloc(5 * 1024 * 1024 + 1, 0x20), Buffer.from("%%EOF")]);
    const tooBig = await upload(huge, "gross.pdf", "application/pdf");
    expect(errorsOf(tooBig.data).file).toEqual([`seal:errors.fileTooLarge|${JSON.stringify({ mb: 5 })}`]);
    const none = new FormData();
    none.append("intent", "evidence");
    none.append("criterionId", String(criterionIds[0]));
    const missing = await run(applyPage.action, makeRequest(path, { form: none, cookie: member.cookie }), params);
    expect(errorsOf(missing.data).file).toEqual(["seal:errors.fileRequired"]);
    expect((await upload(TINY_PDF, "x.pdf", "application/pdf", otherMember.cookie)).status).toBe(404);
    expect(await files()).toEqual([]);

    expect((await upload(await makeJpegWithExif(), "foto-mit-ort.jpg", "image/jpeg")).status).toBe(302);
    // A PDF with an image's name is a PDF: the content decides.
    expect((await upload(TINY_PDF, "scan.png", "image/png")).status).toBe(302);
    expect((await upload(makePng(20, 10, [0, 128, 0]), "plakat.png", "image/png", member.cookie, criterionIds[1])).status).toBe(302);
    const stored = await files();
    expect(stored.map((f) => [f.mime, f.file_name])).toEqual([
      ["image/jpeg", "nachweis-niedrigschwellig.jpg"],
      ["application/pdf", "nachweis-niedrigschwellig.pdf"],
      ["image/jpeg", "nachweis-ansprechperson.jpg"],
    ]);
    expect(Buffer.from(stored[0].data).includes("Exif")).toBe(false);

    // Downloads: the association and the office; another association gets a 404.
    const mine = await get(evidenceFile, `/siegel/nachweis/${stored[1].id}`, member.cookie, { id: String(stored[1].id) });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Content-Type")).toBe("application/pdf");
    expect(mine.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await get(evidenceFile, `/siegel/nachweis/${stored[1].id}`, otherMember.cookie, { id: String(stored[1].id) })).status).toBe(404);
    expect((await get(evidenceFile, `/siegel/nachweis/${stored[1].id}`, coordinator.cookie, { id: String(stored[1].id) })).status).toBe(200);

    // Deleting: another association's member cannot; the own member can.
    expect((await post(applyPage, path, { intent: "delete-evidence", evidenceId: String(stored[2].id) }, otherMember.cookie, params)).status).toBe(404);
    expect((await post(applyPage, path, { intent: "delete-evidence", evidenceId: String(stored[2].id) }, member.cookie, params)).status).toBe(302);
    expect(await files()).toHaveLength(2);
  });

  it("refuses to submit before every criterion is answered", async () => {
    const path = `/verein/siegel/${appId}`;
    const params = { id: String(appId) };
    expect((await post(applyPage, path, { intent: "answer", criterionId: String(criterionIds[0]), selfScore: "3", statement: "Ermäßigter Beitrag für Neuzugewanderte.", evidence: "Beitragsordnung § 4" }, member.cookie, params)).status).toBe(302);
    const res = await post(applyPage, path, { intent: "submit" }, member.cookie, params);
    expect(res.status).toBe(400);
    expect(res.data.error[""]).toEqual([`seal:errors.incomplete|${JSON.stringify({ missing: criterionIds.length - 1 })}`]);
    expect((await db().selectFrom("seal_application").select("status").where("id", "=", appId).executeTakeFirstOrThrow()).status).toBe("draft");
  });

  it("submits once complete; the answers are frozen then", async () => {
    const path = `/verein/siegel/${appId}`;
    const params = { id: String(appId) };
    for (const id of criterionIds.slice(1)) {
      expect((await post(applyPage, path, { intent: "answer", criterionId: String(id), selfScore: "3", statement: `Wir tun das (${id}).` }, member.cookie, params)).status).toBe(302);
    }
    expect((await post(applyPage, path, { intent: "submit" }, member.cookie, params)).status).toBe(302);
    const app = await db().selectFrom("seal_application").selectAll().where("id", "=", appId).executeTakeFirstOrThrow();
    expect(app).toMatchObject({ status: "submitted", submitted_by: member.id });
    const late = await post(applyPage, path, { intent: "answer", criterionId: String(criterionIds[0]), selfScore: "4", statement: "Später geändert" }, member.cookie, params);
    expect(late.status).toBe(400);
    expect(late.data.error[""]).toEqual(["seal:errors.notEditable"]);
  });
});

describe("the office screens", () => {
  it("is the office's page only", async () => {
    expect((await get(officeList, "/office/seal", member.cookie)).status).toBe(403);
    expect((await get(officePage, `/office/seal/${appId}`, member.cookie, { id: String(appId) })).status).toBe(403);
    const list = await get(officeList, "/office/seal?status=submitted", coordinator.cookie);
    expect(list.data.applications.map((a: { id: number }) => a.id)).toEqual([appId]);
  });

  it("needs a message to send it back, and mails that message in the association's language", async () => {
    const path = `/office/seal/${appId}`;
    const params = { id: String(appId) };
    const missing = await post(officePage, path, { intent: "screen", outcome: "return", message: "" }, coordinator.cookie, params);
    expect(missing.status).toBe(400);
    expect(errorsOf(missing.data).message).toEqual(["seal:errors.messageRequired"]);
    const badOutcome = await post(officePage, path, { intent: "screen", outcome: "maybe" }, coordinator.cookie, params);
    expect(errorsOf(badOutcome.data).outcome).toEqual(["errors.invalidChoice"]);
    expect((await db().selectFrom("seal_application").select("status").where("id", "=", appId).executeTakeFirstOrThrow()).status).toBe("submitted");

    expect((await post(officePage, path, { intent: "screen", outcome: "return", message: "Bitte die Beitragsordnung beifügen." }, coordinator.cookie, params)).status).toBe(302);
    const app = await db().selectFrom("seal_application").selectAll().where("id", "=", appId).executeTakeFirstOrThrow();
    expect(app).toMatchObject({ status: "returned", office_message: "Bitte die Beitragsordnung beifügen." });
    const mail = await db().selectFrom("outbox").selectAll().where("template", "=", "seal-returned").executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_address: member.email, locale: "uk" });
    expect(mail.subject).toContain("Знак інтеграції");
    expect(mail.text).toContain("Bitte die Beitragsordnung beifügen.");
    expect(mail.text).toContain(`/verein/siegel/${appId}`);

    // The association sees the message, edits and submits again.
    const page = await get(applyPage, `/verein/siegel/${appId}`, member.cookie, params);
    expect(page.data.application.office_message).toBe("Bitte die Beitragsordnung beifügen.");
    expect((await post(applyPage, `/verein/siegel/${appId}`, { intent: "answer", criterionId: String(criterionIds[0]), selfScore: "3", statement: "Beitragsordnung liegt bei.", evidence: "https://sportfreunde.example.org/beitraege" }, member.cookie, params)).status).toBe(302);
    expect((await post(applyPage, `/verein/siegel/${appId}`, { intent: "submit" }, member.cookie, params)).status).toBe(302);

    expect((await post(officePage, path, { intent: "screen", outcome: "accept" }, coordinator.cookie, params)).status).toBe(302);
    expect((await db().selectFrom("seal_application").select("status").where("id", "=", appId).executeTakeFirstOrThrow()).status).toBe("in_review");
    // A stale second screening is refused, not applied twice.
    const stale = await post(officePage, path, { intent: "screen", outcome: "return", message: "Noch einmal" }, coordinator.cookie, params);
    expect(stale.status).toBe(400);
    expect(stale.data.error[""]).toEqual(["seal:errors.wrongStatus"]);
  });
});

describe("the jury", () => {
  it("is appointed by the office from existing accounts", async () => {
    const path = "/office/seal/jury";
    const bad = await post(juryOffice, path, { intent: "add-juror", email: "keine-mail" }, coordinator.cookie);
    expect(errorsOf(bad.data).email).toEqual(["errors.invalidEmail"]);
    const unknown = await post(juryOffice, path, { intent: "add-juror", email: "niemand@example.org" }, coordinator.cookie);
    expect(errorsOf(unknown.data).email).toEqual(["errors.noSuchAccount"]);
    expect(unknown.data.initialValue.email).toBe("niemand@example.org");
    expect(await count("seal_juror")).toBe(0);
    expect((await post(juryOffice, path, { intent: "add-juror", email: "x@example.org" }, member.cookie)).status).toBe(403);
    for (const j of [juror1, juror2, juror3, outsider]) expect((await post(juryOffice, path, { intent: "add-juror", email: j.email }, coordinator.cookie)).status).toBe(302);
    const list = await get(juryOffice, path, coordinator.cookie);
    expect(list.data.jurors).toHaveLength(4);
  });

  it("never assigns a member of the applying association, nor someone off the jury", async () => {
    const path = `/office/seal/${appId}`;
    const params = { id: String(appId) };
    const selfJudge = await who(["association_member"], { organisationIds: [ownId] });
    await post(juryOffice, "/office/seal/jury", { intent: "add-juror", email: selfJudge.email }, coordinator.cookie);
    const refused = await post(officePage, path, { intent: "assign", jurorId: selfJudge.id }, coordinator.cookie, params);
    expect(errorsOf(refused.data).jurorId).toEqual(["seal:errors.jurorIsMember"]);
    const notJuror = await post(officePage, path, { intent: "assign", jurorId: member.id }, coordinator.cookie, params);
    expect(errorsOf(notJuror.data).jurorId).toEqual(["errors.invalidChoice"]);
    expect(await count("seal_assignment")).toBe(0);
    for (const j of [juror1, juror2, juror3]) expect((await post(officePage, path, { intent: "assign", jurorId: j.id }, coordinator.cookie, params)).status).toBe(302);
    const mails = await db().selectFrom("outbox").select(["to_address", "text"]).where("template", "=", "seal-juror-assigned").execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([juror1.email, juror2.email, juror3.email].sort());
    expect(mails[0].text).toContain(`/jury/siegel/${appId}`);
  });

  it("shows a juror only their assignments, and nothing of one before the declaration", async () => {
    const params = { id: String(appId) };
    expect((await get(juryList, "/jury/siegel", outsider.cookie)).data.assignments).toEqual([]);
    expect((await get(juryPage, `/jury/siegel/${appId}`, outsider.cookie, params)).status).toBe(404);
    expect((await post(juryPage, `/jury/siegel/${appId}`, { intent: "declare", conflict: "none" }, outsider.cookie, params)).status).toBe(404);
    expect((await get(juryPage, `/jury/siegel/${appId}`, member.cookie, params)).status).toBe(404);

    const list = await get(juryList, "/jury/siegel", juror1.cookie);
    expect(list.data.assignments).toMatchObject([{ id: appId, conflict: null, organisation_name: "Sportfreunde Beispielstadt e.V." }]);
    const before = await get(juryPage, `/jury/siegel/${appId}`, juror1.cookie, params);
    expect(before.status).toBe(200);
    expect(before.data).toMatchObject({ conflict: null, criteria: [], answers: [], ownScores: [], otherScores: [] });
    expect(JSON.stringify(before.data)).not.toContain("Beitragsordnung");
    const evidenceId = (await db().selectFrom("seal_evidence").select("id").where("application_id", "=", appId).orderBy("id").executeTakeFirstOrThrow()).id;
    expect((await get(evidenceFile, `/siegel/nachweis/${evidenceId}`, juror1.cookie, { id: String(evidenceId) })).status).toBe(404);
    // Scoring before the declaration: the application is not open to them.
    expect((await post(juryPage, `/jury/siegel/${appId}`, { intent: "score", criterionId: String(criterionIds[0]), score: "3", justification: "gut" }, juror1.cookie, params)).status).toBe(404);
  });

  it("takes a juror with a declared conflict off the application", async () => {
    const params = { id: String(appId) };
    const noNote = await post(juryPage, `/jury/siegel/${appId}`, { intent: "declare", conflict: "declared", note: "" }, juror3.cookie, params);
    expect(errorsOf(noNote.data).note).toEqual(["seal:errors.noteRequired"]);
    expect((await post(juryPage, `/jury/siegel/${appId}`, { intent: "declare", conflict: "declared", note: "Meine Schwester leitet die Jugendabteilung." }, juror3.cookie, params)).status).toBe(302);
    const view = await get(juryPage, `/jury/siegel/${appId}`, juror3.cookie, params);
    expect(view.data).toMatchObject({ conflict: "declared", criteria: [], answers: [] });
    expect((await post(juryPage, `/jury/siegel/${appId}`, { intent: "score", criterionId: String(criterionIds[0]), score: "4", justification: "Top" }, juror3.cookie, params)).status).toBe(404);
    // A declaration is given once.
    const again = await post(juryPage, `/jury/siegel/${appId}`, { intent: "declare", conflict: "none" }, juror3.cookie, params);
    expect(again.data.error[""]).toEqual(["seal:errors.alreadyDeclared"]);
  });

  it("scores with a justification; the others' scores appear only after one's own review", async () => {
    const params = { id: String(appId) };
    const path = `/jury/siegel/${appId}`;
    for (const j of [juror1, juror2]) expect((await post(juryPage, path, { intent: "declare", conflict: "none" }, j.cookie, params)).status).toBe(302);
    const opened = await get(juryPage, path, juror1.cookie, params);
    expect(opened.data.criteria).toHaveLength(criterionIds.length);
    expect(opened.data.evidence).toHaveLength(2);
    expect((await get(evidenceFile, `/siegel/nachweis/${opened.data.evidence[0].id}`, juror1.cookie, { id: String(opened.data.evidence[0].id) })).status).toBe(200);
    expect((await get(evidenceFile, `/siegel/nachweis/${opened.data.evidence[0].id}`, juror3.cookie, { id: String(opened.data.evidence[0].id) })).status).toBe(404);
    expect(opened.data.answers.find((a: { criterion_id: number }) => a.criterion_id === criterionIds[0]).statement).toBe("Beitragsordnung liegt bei.");

    const bad = await post(juryPage, path, { intent: "score", criterionId: String(criterionIds[0]), score: "5", justification: "" }, juror1.cookie, params);
    expect(errorsOf(bad.data)).toMatchObject({ score: ["errors.invalidChoice"], justification: ["errors.required"] });
    expect(await count("seal_score")).toBe(0);

    for (const id of criterionIds) expect((await post(juryPage, path, { intent: "score", criterionId: String(id), score: "3", justification: "Gut belegt." }, juror1.cookie, params)).status).toBe(302);
    for (const id of criterionIds.slice(1)) expect((await post(juryPage, path, { intent: "score", criterionId: String(id), score: "2", justification: "Belegt." }, juror2.cookie, params)).status).toBe(302);

    // Juror 2 has not submitted; juror 1 has not either: neither sees the other.
    expect((await get(juryPage, path, juror2.cookie, params)).data.otherScores).toEqual([]);
    const incomplete = await post(juryPage, path, { intent: "submit-review", recommendation: "award" }, juror2.cookie, params);
    expect(incomplete.data.error[""]).toEqual([`seal:errors.unscored|${JSON.stringify({ missing: 1 })}`]);
    expect((await post(juryPage, path, { intent: "submit-review", recommendation: "award" }, juror1.cookie, params)).status).toBe(302);
    // Juror 1 submitted, juror 2 did not: juror 1 still sees no other submitted review.
    expect((await get(juryPage, path, juror1.cookie, params)).data.otherScores).toEqual([]);
    expect((await get(juryPage, path, juror2.cookie, params)).data.otherScores).toEqual([]);
    // After submitting, a score cannot change.
    const late = await post(juryPage, path, { intent: "score", criterionId: String(criterionIds[0]), score: "0", justification: "Doch nicht" }, juror1.cookie, params);
    expect(late.data.error[""]).toEqual(["seal:errors.reviewClosed"]);
  });

  it("lets the office decide only with a quorum of two reviews", async () => {
    const path = `/office/seal/${appId}`;
    const params = { id: String(appId) };
    const early = await post(officePage, path, { intent: "decide", decision: "award", reason: "Überzeugend.", validityYears: "3" }, coordinator.cookie, params);
    expect(errorsOf(early.data).decision).toEqual(["seal:errors.decision.quorum"]);
    const page = await get(officePage, path, coordinator.cookie, params);
    expect(page.data.result).toMatchObject({ reviews: 1, quorum: false });

    await post(juryPage, `/jury/siegel/${appId}`, { intent: "score", criterionId: String(criterionIds[0]), score: "3", justification: "Gut." }, juror2.cookie, params);
    expect((await post(juryPage, `/jury/siegel/${appId}`, { intent: "submit-review", recommendation: "award" }, juror2.cookie, params)).status).toBe(302);
    const seen = await get(juryPage, `/jury/siegel/${appId}`, juror2.cookie, params);
    expect(seen.data.otherScores).toHaveLength(criterionIds.length);
    expect(seen.data.otherScores[0]).not.toHaveProperty("juror_user_id");
    // The juror with a conflict never counts: two reviews, not three.
    const result = (await get(officePage, path, coordinator.cookie, params)).data.result;
    expect(result).toMatchObject({ reviews: 2, quorum: true, mandatoryMet: true, electivesMet: 7, criteriaMet: true, awardVotes: 2, majority: true });
  });
});

describe("the decision, the register and revocation", () => {
  it("checks the decision form", async () => {
    const path = `/office/seal/${appId}`;
    const params = { id: String(appId) };
    const bad = await post(officePage, path, { intent: "decide", decision: "perhaps", reason: "", validityYears: "9" }, coordinator.cookie, params);
    expect(errorsOf(bad.data)).toMatchObject({ decision: ["errors.invalidChoice"], reason: ["errors.required"], validityYears: ["seal:errors.validity"] });
    const halfCondition = await post(officePage, path, { intent: "decide", decision: "award", reason: "Gut.", validityYears: "3", conditionText1: "Fortbildung nachholen", conditionDue2: "2030-01-01" }, coordinator.cookie, params);
    expect(errorsOf(halfCondition.data)).toMatchObject({ conditionDue1: ["seal:errors.conditionDue"], conditionText2: ["seal:errors.conditionText"] });
    const declineWithCondition = await post(officePage, path, { intent: "decide", decision: "decline", reason: "Nein.", conditionText1: "Etwas", conditionDue1: "2030-01-01" }, coordinator.cookie, params);
    expect(errorsOf(declineWithCondition.data).conditionText1).toEqual(["seal:errors.conditionOnlyAward"]);
    const past = await post(officePage, path, { intent: "decide", decision: "award", reason: "Gut.", validityYears: "3", conditionText1: "Zu spät", conditionDue1: "2020-01-01" }, coordinator.cookie, params);
    expect(errorsOf(past.data).conditionDue1).toEqual(["seal:errors.conditionPast"]);
    expect(past.data.initialValue.conditionText1).toBe("Zu spät");
    expect(await count("seal_award")).toBe(0);
    expect((await db().selectFrom("seal_application").select("status").where("id", "=", appId).executeTakeFirstOrThrow()).status).toBe("in_review");
  });

  it("awards with a validity, mails the decision in the association's language and lists it publicly", async () => {
    const path = `/office/seal/${appId}`;
    const params = { id: String(appId) };
    const due = addDaysToDay(berlinDay(new Date()), 90);
    const res = await post(officePage, path, { intent: "decide", decision: "award", reason: "Alle Kriterien überzeugend belegt.", validityYears: "3", conditionText1: "Interkulturelle Fortbildung für den Vorstand", conditionDue1: due }, coordinator.cookie, params);
    expect(res.status).toBe(302);
    expect(await db().selectFrom("seal_condition").select(["text", "due_on", "fulfilled_at"]).where("application_id", "=", appId).execute()).toEqual([{ text: "Interkulturelle Fortbildung für den Vorstand", due_on: due, fulfilled_at: null }]);
    const award = await db().selectFrom("seal_award").selectAll().where("application_id", "=", appId).executeTakeFirstOrThrow();
    const today = berlinDay(new Date());
    expect(award.awarded_on).toBe(today);
    expect(award.valid_until > today).toBe(true);
    expect(award.code).toMatch(/^\d{4}-[0-9A-F]{10}$/);
    const mail = await db().selectFrom("outbox").selectAll().where("template", "=", "seal-decision").executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_address: member.email, locale: "uk" });
    expect(mail.text).toContain("Alle Kriterien überzeugend belegt.");
    expect(mail.text).toContain(`/siegel/${award.code}`);
    expect(mail.text).toContain("Interkulturelle Fortbildung für den Vorstand");

    const events = await db().selectFrom("seal_event").select(["action", "actor_user_id"]).where("application_id", "=", appId).orderBy("id").execute();
    expect(events.map((e) => e.action)).toEqual(["create", "submit", "return", "submit", "accept", "assign", "assign", "assign", "declare-conflict", "declare-none", "declare-none", "review", "review", "award"]);
    expect(events.at(-1)!.actor_user_id).toBe(coordinator.id);

    const publicList = await get(register, "/siegel", undefined);
    expect(publicList.data.awards).toEqual([{ code: award.code, awarded_on: today, valid_until: award.valid_until, name: "Sportfreunde Beispielstadt e.V.", town: "Willich", website: null }]);
    // No personal data on the public page.
    const body = JSON.stringify(publicList.data);
    for (const secret of [member.email, "Jana Jury", "Beitragsordnung liegt bei", "Alle Kriterien überzeugend"]) expect(body).not.toContain(secret);
    const check = await get(verify, `/siegel/${award.code}`, undefined, { code: award.code });
    expect(check.data.award).toMatchObject({ state: "valid", name: "Sportfreunde Beispielstadt e.V." });
    const year = today.slice(0, 4);
    const csv = await get(summary, `/office/seal/bericht/csv?year=${year}`, coordinator.cookie, { format: "csv" });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.data).toContain('"Sportfreunde Beispielstadt e.V.";"Verliehen"');
    expect(csv.data).toContain("Alle Kriterien überzeugend belegt.");
    expect((await get(summary, `/office/seal/bericht/pdf?year=${year}`, coordinator.cookie, { format: "pdf" })).headers.get("Content-Type")).toBe("application/pdf");
    expect((await get(summary, `/office/seal/bericht/csv?year=${year}`, member.cookie, { format: "csv" })).status).toBe(403);
    expect((await get(summary, "/office/seal/bericht/csv?year=20x6", coordinator.cookie, { format: "csv" })).status).toBe(400);
    const svg = await get(badge, `/siegel/${award.code}/badge.svg`, undefined, { code: award.code });
    expect(svg.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(svg.data).toContain(today.slice(0, 4));
    expect(svg.data).toContain("gültig bis");
    const pdf = await get(certificate, `/verein/siegel/${appId}/urkunde.pdf`, member.cookie, { id: String(appId) });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect((await get(certificate, `/verein/siegel/${appId}/urkunde.pdf`, otherMember.cookie, { id: String(appId) })).status).toBe(404);
    const decision = await get(letter, `/verein/siegel/${appId}/bescheid.pdf`, member.cookie, { id: String(appId) });
    expect(decision.headers.get("Content-Type")).toBe("application/pdf");
    expect((await get(letter, `/verein/siegel/${appId}/bescheid.pdf`, otherMember.cookie, { id: String(appId) })).status).toBe(404);
    expect((await get(verify, "/siegel/2026-0000000000", undefined, { code: "2026-0000000000" })).status).toBe(404);
    expect((await get(verify, "/siegel/<x>", undefined, { code: "<x>" })).status).toBe(404);
  });

  it("revokes with a logged reason: the award leaves the register at once and its page says so", async () => {
    const path = `/office/seal/${appId}`;
    const params = { id: String(appId) };
    const code = (await db().selectFrom("seal_award").select("code").where("application_id", "=", appId).executeTakeFirstOrThrow()).code;
    const condition = await db().selectFrom("seal_condition").select("id").where("application_id", "=", appId).executeTakeFirstOrThrow();
    expect((await post(officePage, path, { intent: "fulfil-condition", conditionId: String(condition.id) }, member.cookie, params)).status).toBe(403);
    expect((await post(officePage, path, { intent: "fulfil-condition", conditionId: String(condition.id) }, coordinator.cookie, params)).status).toBe(302);
    expect((await post(officePage, path, { intent: "fulfil-condition", conditionId: String(condition.id) }, coordinator.cookie, params)).status).toBe(404);
    expect((await db().selectFrom("seal_condition").select("fulfilled_by").where("id", "=", condition.id).executeTakeFirstOrThrow()).fulfilled_by).toBe(coordinator.id);
    const emptyInterim = await post(officePage, path, { intent: "interim-check", note: "" }, coordinator.cookie, params);
    expect(errorsOf(emptyInterim.data).note).toEqual(["errors.required"]);
    expect((await post(officePage, path, { intent: "interim-check", note: "Besuch beim Training: Angebote laufen weiter." }, coordinator.cookie, params)).status).toBe(302);
    const own = await get(applyPage, `/verein/siegel/${appId}`, member.cookie, params);
    expect(own.data.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["condition-fulfilled", "interim-check"]));
    expect(own.data.events.map((e: { action: string }) => e.action)).not.toContain("declare-conflict");
    const noReason = await post(officePage, path, { intent: "revoke", reason: " " }, coordinator.cookie, params);
    expect(errorsOf(noReason.data).reason).toEqual(["errors.required"]);
    expect((await post(officePage, path, { intent: "revoke", reason: "x" }, member.cookie, params)).status).toBe(403);
    expect((await post(officePage, path, { intent: "revoke", reason: "Angebote für Neuzugewanderte eingestellt." }, coordinator.cookie, params)).status).toBe(302);
    expect((await get(register, "/siegel", undefined)).data.awards).toEqual([]);
    const check = await get(verify, `/siegel/${code}`, undefined, { code });
    expect(check.data.award.state).toBe("revoked");
    expect(JSON.stringify(check.data)).not.toContain("eingestellt");
    expect((await get(badge, `/siegel/${code}/badge.svg`, undefined, { code })).data).toContain("nicht gültig");
    expect((await get(certificate, `/verein/siegel/${appId}/urkunde.pdf`, member.cookie, { id: String(appId) })).status).toBe(404);
    const audit = await db().selectFrom("audit_log").select(["action", "details"]).where("entity", "=", "seal_award").executeTakeFirstOrThrow();
    expect(audit.action).toBe("revoke");
    const again = await post(officePage, path, { intent: "revoke", reason: "Nochmal" }, coordinator.cookie, params);
    expect(again.data.error[""]).toEqual(["seal:errors.notRevocable"]);
  });

  it("re-application reuses the previous answers", async () => {
    const res = await post(applyList, "/verein/siegel", { intent: "start", organisationId: String(ownId) }, member.cookie);
    expect(res.status).toBe(302);
    const newId = Number(/(\d+)$/.exec(res.location!)![1]);
    const answers = await db().selectFrom("seal_answer").select(["criterion_id", "statement"]).where("application_id", "=", newId).orderBy("criterion_id").execute();
    expect(answers).toHaveLength(criterionIds.length);
    expect(answers[0].statement).toBe("Beitragsordnung liegt bei.");
  });
});

describe("leaving the jury", () => {
  it("ends a juror's access at once; a bad or unknown id changes nothing", async () => {
    const path = "/office/seal/jury";
    expect((await post(juryOffice, path, { intent: "remove-juror", userId: "" }, coordinator.cookie)).status).toBe(400);
    expect((await post(juryOffice, path, { intent: "remove-juror", userId: "niemand" }, coordinator.cookie)).status).toBe(404);
    expect((await post(juryOffice, path, { intent: "remove-juror", userId: juror1.id }, member.cookie)).status).toBe(403);
    expect((await get(juryPage, `/jury/siegel/${appId}`, juror1.cookie, { id: String(appId) })).status).toBe(200);
    expect((await post(juryOffice, path, { intent: "remove-juror", userId: juror1.id }, coordinator.cookie)).status).toBe(302);
    expect((await get(juryPage, `/jury/siegel/${appId}`, juror1.cookie, { id: String(appId) })).status).toBe(404);
    expect((await get(juryList, "/jury/siegel", juror1.cookie)).data.assignments).toEqual([]);
    expect((await get(juryOffice, path, coordinator.cookie)).data.jurors.map((j: { user_id: string }) => j.user_id)).not.toContain(juror1.id);
  });
});

describe("renewal", () => {
  it("invites two months before expiry, once, with a fixed clock", async () => {
    const org = await createTestOrganisation(db(), { name: "Renew e.V.", email: "info@renew.example.org" });
    const app = await db()
      .insertInto("seal_application")
      .values({ organisation_id: org.id, catalogue_version: 1, status: "awarded", created_by: null, submitted_by: null, submitted_at: null, office_message: null, decision_reason: null, decided_at: null, created_at: "2027-01-01T00:00:00.000Z", updated_at: "2027-01-01T00:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db().insertInto("seal_award").values({ application_id: app.id, organisation_id: org.id, code: "2027-ABCDEF0123", awarded_on: "2027-01-01", valid_until: "2029-12-31", revoked_at: null, revoke_reason: null, renewal_reminded_at: null, created_at: "2027-01-01T00:00:00.000Z" }).execute();
    const mails = () => db().selectFrom("outbox").select(["to_address", "locale"]).where("template", "=", "seal-renewal").execute();
    await runDailyJobs({ now: new Date("2029-10-30T06:00:00.000Z"), force: true });
    expect(await mails()).toEqual([]);
    await runDailyJobs({ now: new Date("2029-10-31T06:00:00.000Z"), force: true });
    expect(await mails()).toEqual([{ to_address: "info@renew.example.org", locale: "de" }]);
    await runDailyJobs({ now: new Date("2029-11-01T06:00:00.000Z"), force: true });
    expect(await mails()).toHaveLength(1);
  });
});
