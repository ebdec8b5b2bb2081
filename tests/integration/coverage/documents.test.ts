import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../../app/utils/db.server";
import * as meDoc from "../../../app/routes/me.assignments.$id.$document";
import * as officeDoc from "../../../app/routes/office.assignments.$id.$document";
import * as helpers from "../../../app/routes/office.assignments.helpers";
import * as helpersDownload from "../../../app/routes/office.assignments.helpers.$format";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { createTestOrganisation, createTestUser } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";

let coordinator: string;
let member: string;
let volunteer: { id: string; cookie: string };
let stranger: string;
let own: number;
let minors: number;
let elsewhere: number;

beforeAll(async () => {
  const db = getDb();
  const orgA = (await createTestOrganisation(db, { name: "Willicher Tafel e.V." })).id;
  const orgB = (await createTestOrganisation(db, { name: "Stadt Willich", legalForm: "city" })).id;
  const c = await createTestUser(db, { roles: ["coordinator"] });
  coordinator = await sessionCookie(c.id);
  member = await sessionCookie((await createTestUser(db, { roles: ["association_member"], organisationIds: [orgA] })).id);
  const v = await createTestUser(db, { roles: ["volunteer"], name: "Amira Haddad", locale: "ar" });
  volunteer = { id: v.id, cookie: await sessionCookie(v.id) };
  const s = await createTestUser(db, { roles: ["volunteer"], name: "=HYPERLINK(\"http://evil\")" });
  stranger = await sessionCookie(s.id);
  own = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgA, createdBy: c.id, activity: "Lebensmittelausgabe", startDay: "2026-05-01" })).id;
  minors = (await createTestAssignment(db, { volunteerId: v.id, organisationId: orgB, createdBy: c.id, activity: "Hausaufgabenhilfe", worksWithMinors: true, startDay: "2026-05-01" })).id;
  elsewhere = (await createTestAssignment(db, { volunteerId: s.id, organisationId: orgB, createdBy: c.id, activity: "Fahrdienst", startDay: "2026-05-10" })).id;
});

const isPdf = (res: { status: number; headers: Headers; data: unknown }) => {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/pdf");
  expect(String(res.data).startsWith("%PDF-")).toBe(true);
};

describe("volunteer PDFs", () => {
  it("the volunteer downloads the confirmation and the Engagementnachweis of an own assignment, in Arabic or another language", async () => {
    isPdf(await run(meDoc.loader, makeRequest(`/me/assignments/${own}/confirmation.pdf`, { cookie: volunteer.cookie }), { id: String(own), document: "confirmation.pdf" }));
    isPdf(await run(meDoc.loader, makeRequest(`/me/assignments/${own}/engagement.pdf?lang=uk`, { cookie: volunteer.cookie }), { id: String(own), document: "engagement.pdf" }));
  });
  it("other people's ids, unknown documents and bad ids are 404", async () => {
    expect((await run(meDoc.loader, makeRequest(`/me/assignments/${elsewhere}/confirmation.pdf`, { cookie: volunteer.cookie }), { id: String(elsewhere), document: "confirmation.pdf" })).status).toBe(404);
    expect((await run(meDoc.loader, makeRequest(`/me/assignments/${own}/fee-waiver.pdf`, { cookie: volunteer.cookie }), { id: String(own), document: "fee-waiver.pdf" })).status).toBe(404);
    expect((await run(meDoc.loader, makeRequest(`/me/assignments/x/confirmation.pdf`, { cookie: volunteer.cookie }), { id: "x", document: "confirmation.pdf" })).status).toBe(404);
  });
});

describe("office PDFs", () => {
  const get = (id: number, document: string, cookie: string) => run(officeDoc.loader, makeRequest(`/office/assignments/${id}/${document}`, { cookie }), { id: String(id), document });
  it("coordinators get all four documents for assignments with minors", async () => {
    for (const d of ["confirmation.pdf", "engagement.pdf", "certificate-request.pdf", "fee-waiver.pdf"]) isPdf(await get(minors, d, coordinator));
    expect((await get(own, "certificate-request.pdf", coordinator)).status).toBe(404);
    expect((await get(own, "../../etc/passwd", coordinator)).status).toBe(404);
  });
  it("association members only for their organisation, and no certificate letters; volunteers none", async () => {
    isPdf(await get(own, "confirmation.pdf", member));
    expect((await get(minors, "confirmation.pdf", member)).status).toBe(404);
    expect((await get(own, "fee-waiver.pdf", member)).status).toBe(403);
    expect((await get(own, "confirmation.pdf", volunteer.cookie)).status).toBe(403);
  });
});

describe("dated helper list", () => {
  it("lists who was assigned on a day, as page, CSV (formula-safe) and PDF", async () => {
    const page = await run(helpers.loader, makeRequest("/office/assignments/helpers?day=2026-05-10", { cookie: coordinator }));
    expect(page.data.rows.map((r: { id: number }) => r.id).sort()).toEqual([own, minors, elsewhere].sort());
    const before = await run(helpers.loader, makeRequest("/office/assignments/helpers?day=2026-05-05&activity=fahr", { cookie: coordinator }));
    expect(before.data.rows).toEqual([]);
    const csv = await run(helpersDownload.loader, makeRequest("/office/assignments/helpers/csv?day=2026-05-10&activity=fahr", { cookie: coordinator }), { format: "csv" });
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(String(csv.data)).toContain(`"'=HYPERLINK(""http://evil"")"`);
    isPdf(await run(helpersDownload.loader, makeRequest("/office/assignments/helpers/pdf?day=2026-05-10", { cookie: coordinator }), { format: "pdf" }));
  });
  it("association members see only their organisation's helpers; bad input is refused", async () => {
    const page = await run(helpers.loader, makeRequest("/office/assignments/helpers?day=2026-05-10", { cookie: member }));
    expect(page.data.rows.map((r: { id: number }) => r.id)).toEqual([own]);
    const bad = await run(helpers.loader, makeRequest("/office/assignments/helpers?day=gestern", { cookie: coordinator }));
    expect(bad.status).toBe(400);
    expect((await run(helpersDownload.loader, makeRequest("/office/assignments/helpers/csv?day=2026-02-31", { cookie: coordinator }), { format: "csv" })).status).toBe(400);
    expect((await run(helpersDownload.loader, makeRequest("/office/assignments/helpers/xls?day=2026-05-10", { cookie: coordinator }), { format: "xls" })).status).toBe(404);
    expect((await run(helpers.loader, makeRequest("/office/assignments/helpers", { cookie: stranger }))).status).toBe(403);
  });
});
