/**
 * Associations and the integration seal in the browser (issue #15, ADRs 0032/0033).
 *
 * 1. The journey: an association registers at /vereine/registrieren and confirms its address by the
 *    mailed link; the office verifies it (and cannot remove its only admin through the old button);
 *    the association publishes an offer, which the public /vereine/:id shows; its admin applies for
 *    the seal (statements, one evidence PDF, submit); the office screens and assigns two jurors, who
 *    declare no conflict and score from the assignment mail's link; the office awards; /siegel lists
 *    the association, /siegel/:code verifies it and the badge SVG answers.
 * 2. Axe (WCAG 2.1 A/AA) on every association and seal page in German and in Arabic (`dir=rtl`),
 *    on the demo data (independent of the journey).
 * 3. Without JavaScript: the registration, an offer, a seal statement, a juror's declaration and
 *    score, and the office's decision, each a plain document POST (with an error answered first).
 */
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { createTestUser } from "../factories";
import { createTestAssociation, createTestInvite } from "../factories/associations";
import { createTestApplication, createTestAssignment, createTestJuror, TINY_PDF } from "../factories/seal";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { clickAndWait, languageCookie, PASSWORD, texts, withDb } from "./donations.helpers";

const a = texts("de", "associations");

let server: TestServer;
let browser: Browser;
/** Uncaught errors in the pages (e.g. a route that breaks while hydrating). */
const pageErrors: string[] = [];
const watch = (page: Page) => page.on("pageerror", (e) => pageErrors.push(`${page.url()}: ${e.message}`));

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const OFFICE = "koordination@example.org";
const JURORS = ["jury1@example.org", "jury2@example.org"] as const;
const ASSOCIATION = "Sportfreunde Journeytal e.V.";
const ADMIN = { name: "Jona Journey", email: "jona.journey@example.org", password: "Vereinspasswort-2026" };
const OFFER = "Offenes Lauftraining für alle";

/** The path of the first link matching `pattern` in a mail to `to` that arrived after `before` mails. */
async function mailedPath(to: string, before: number, pattern: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to.toLowerCase()) && pattern.test(m.text));
        found = mail ? pattern.exec(mail.text)![0] : undefined;
        return found;
      },
      { timeout: 20_000, message: `a mail to ${to} with ${pattern}` },
    )
    .toBeTruthy();
  return new URL(found!, server.baseUrl).pathname;
}

async function open(lng: "de" | "ar" = "de", options: Parameters<typeof newPage>[2] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const p = await newPage(browser, server.baseUrl, options);
  if (lng !== "de") await p.context.addCookies([languageCookie(server.baseUrl, lng)]);
  if (options.javaScriptEnabled !== false) watch(p.page);
  return p;
}

async function goto(page: Page, path: string) {
  const response = await page.goto(path, { waitUntil: "networkidle" });
  expect(response?.status() ?? 0, path).toBeLessThan(400);
}

const statusOf = (applicationId: number) => withDb(server, async (db) => (await db.selectFrom("seal_application").select("status").where("id", "=", applicationId).executeTakeFirstOrThrow()).status);

describe("an association from its registration to the seal", () => {
  it("register → verify → offer → public page → apply → screen, two jurors → award → register, verification, badge", async () => {
    // 1. Registration by an anonymous visitor; the address is confirmed by the mailed link.
    const visitor = await open();
    let page = visitor.page;
    await goto(page, "/vereine/registrieren");
    const form = page.locator("main form#association-profile");
    await form.locator('input[name="name"]').fill(ASSOCIATION);
    await form.locator('select[name="kind"]').selectOption("registered_association");
    await form.locator('input[name="registerCourt"]').fill("Amtsgericht Krefeld");
    await form.locator('input[name="registerNumber"]').fill("VR 4711");
    await form.locator('textarea[name="description"]').fill("Laufen, Radfahren und Schwimmen für alle Generationen.");
    await form.locator('input[name="street"]').fill("Am Sportplatz 3");
    await form.locator('input[name="postalCode"]').fill("47877");
    await form.locator('input[name="town"]').fill("Willich");
    await form.locator('select[name="districtId"]').selectOption({ label: "Neersen" });
    await form.locator('input[name="email"]').fill("info@journeytal.example.org");
    await form.locator('input[name="fields"]').first().check();
    await form.locator('input[name="languages"][value="de"]').check();
    await form.locator('input[name="languages"][value="ar"]').check();
    await form.locator('input[name="reducedFees"]').fill("Für Neuzugewanderte beitragsfrei");
    await form.locator('input[name="insurer"]').fill("Beispiel-Versicherung AG");
    await form.locator('input[name="policyNumber"]').fill("HV-2026-17");
    await form.locator('input[name="policyValidUntil"]').fill("2027-12-31");
    await form.locator('input[name="accountName"]').fill(ADMIN.name);
    await form.locator('input[name="accountEmail"]').fill(ADMIN.email);
    await form.locator('input[name="password"]').fill(ADMIN.password);
    await form.locator('input[name="passwordRepeat"]').fill(ADMIN.password);
    await form.locator('input[name="privacy"]').check();
    await expectNoA11yViolations(page, "/vereine/registrieren (filled)");
    const beforeRegistration = server.smtp.received.length;
    await Promise.all([page.waitForURL((u) => u.pathname === "/check-mail"), form.locator('button[type="submit"]').click()]);
    const verifyPath = await mailedPath(ADMIN.email, beforeRegistration, /https?:\/\/[^\s]+\/verify-email\/[\w-]+/);
    await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.goto(verifyPath)]);
    const orgId = await withDb(server, async (db) => {
      const row = await db
        .selectFrom("organisation as o")
        .innerJoin("association_profile as p", "p.organisation_id", "o.id")
        .innerJoin("organisation_member as m", "m.organisation_id", "o.id")
        .innerJoin("user as u", "u.id", "m.user_id")
        .select(["o.id", "p.status", "m.association_admin", "u.email_verified_at"])
        .where("o.name", "=", ASSOCIATION)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "pending", association_admin: 1 });
      expect(row.email_verified_at).not.toBeNull();
      return row.id;
    });
    await visitor.context.close();

    // 2. The office verifies it; the old "remove member" button cannot take its only admin.
    const office = await open();
    page = office.page;
    await login(page, OFFICE, PASSWORD);
    await goto(page, `/office/organisations/${orgId}`);
    const removeAdmin = page.locator('main form:has(input[name="intent"][value="remove-member"])').first();
    await clickAndWait(page, removeAdmin.locator('button[type="submit"]'));
    await expect.poll(async () => (await page.locator("main [role=alert]").allTextContents()).join(" ")).toContain(a.errors.lastAdmin);
    await expectNoA11yViolations(page, "/office/organisations/:id (last admin refused)");
    await clickAndWait(page, page.locator('main form:has(input[name="intent"][value="verify-association"]) button[type="submit"]'));
    await expect.poll(() => withDb(server, async (db) => (await db.selectFrom("association_profile").select("status").where("organisation_id", "=", orgId).executeTakeFirstOrThrow()).status)).toBe("verified");
    expect(await withDb(server, (db) => db.selectFrom("organisation_member").select("user_id").where("organisation_id", "=", orgId).execute())).toHaveLength(1);

    // 3. The association's admin publishes an offer.
    const association = await open();
    const admin = association.page;
    await login(admin, ADMIN.email, ADMIN.password);
    await goto(admin, "/verein");
    expect(await admin.locator("main").textContent()).toContain(ASSOCIATION);
    await goto(admin, "/verein/angebote/neu");
    const offer = admin.locator("main form#offer");
    await offer.locator('input[name="title"]').fill(OFFER);
    await offer.locator('textarea[name="description"]').fill("Wir laufen gemeinsam im eigenen Tempo, Anfängerinnen und Anfänger willkommen.");
    await offer.locator('select[name="fieldId"]').selectOption({ index: 1 });
    await offer.locator('select[name="districtId"]').selectOption({ label: "Neersen" });
    await offer.locator('input[name="place"]').fill("Sportplatz Neersen");
    await offer.locator('input[name="times"]').fill("samstags 10–11 Uhr");
    await offer.locator('input[name="contactPath"]').fill("Einfach vorbeikommen");
    await offer.locator('input[name="published"]').check();
    await expectNoA11yViolations(admin, "/verein/angebote/neu (filled)");
    await Promise.all([admin.waitForURL(/\/verein\/angebote\/\d+$/), offer.locator('button[type="submit"]').click()]);
    await admin.waitForLoadState("networkidle");

    // 4. The public page of the association shows it; the directory lists the association.
    const guest = await open();
    await goto(guest.page, `/vereine/${orgId}`);
    await expect.poll(() => guest.page.locator("main").textContent()).toContain(OFFER);
    await goto(guest.page, "/vereine");
    expect(await guest.page.locator("main").textContent()).toContain(ASSOCIATION);

    // 5. The admin applies for the seal: a statement per criterion, one evidence PDF, submit.
    await goto(admin, "/verein/siegel");
    await Promise.all([admin.waitForURL(/\/verein\/siegel\/\d+$/), admin.locator('main form#seal-start button[type="submit"]').click()]);
    await admin.waitForLoadState("networkidle");
    const applicationId = Number(new URL(admin.url()).pathname.split("/").pop());
    // The client navigation may change the URL before the new page is rendered: wait for its forms.
    await expect.poll(() => admin.locator('main form[id^="answer-"]').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    const criterionIds = await admin.locator('main form[id^="answer-"]').evaluateAll((forms) => forms.map((f) => Number(f.id.replace("answer-", ""))));
    for (const [i, id] of criterionIds.entries()) {
      const answer = admin.locator(`main form#answer-${id}`);
      await answer.locator('select[name="selfScore"]').selectOption("3");
      await answer.locator('textarea[name="statement"]').fill(`So setzen wir Kriterium ${i + 1} um: regelmäßig und mit Neuzugewanderten.`);
      await clickAndWait(admin, answer.locator('button[type="submit"]'));
    }
    await expect.poll(() => withDb(server, async (db) => (await db.selectFrom("seal_answer").select("criterion_id").where("application_id", "=", applicationId).execute()).length)).toBe(criterionIds.length);
    const upload = admin.locator(`main form:has(input[name="intent"][value="evidence"]):has(input[name="criterionId"][value="${criterionIds[0]}"])`);
    await upload.locator('input[type="file"]').setInputFiles({ name: "beitragsordnung.pdf", mimeType: "application/pdf", buffer: TINY_PDF });
    await clickAndWait(admin, upload.locator('button[type="submit"]'));
    await expect.poll(() => withDb(server, async (db) => (await db.selectFrom("seal_evidence").select("id").where("application_id", "=", applicationId).execute()).length)).toBe(1);
    await expectNoA11yViolations(admin, "/verein/siegel/:id (draft, answered, with a file)");
    await clickAndWait(admin, admin.locator('main form#seal-submit button[type="submit"]'));
    await expect.poll(() => statusOf(applicationId)).toBe("submitted");

    // 6. The office screens it and assigns both jurors (each gets a mail with the link).
    await goto(page, `/office/seal/${applicationId}`);
    await expectNoA11yViolations(page, "/office/seal/:id (submitted)");
    await clickAndWait(page, page.locator('main form#screen button[type="submit"]'));
    await expect.poll(() => statusOf(applicationId)).toBe("in_review");
    const beforeAssign = server.smtp.received.length;
    // Both on the same page, one after the other, no reload; the second juror is picked while the
    // page still fetches its data after the first assignment's redirect. That fetch shortens the
    // list (the first juror drops out); the pick once fell back to "Bitte wählen" there and the
    // click sent nothing, refused as empty (Mantine recreated the options behind a removed one).
    const [first, second] = ["Hanna Beispielrat", "Ömer Musterbeirat"];
    const assign = page.locator("main form#assign");
    const jurorSelect = assign.locator('select[name="jurorId"]');
    const jurySection = page.locator('main section[aria-labelledby="jury"]');
    await jurorSelect.selectOption({ label: first });
    // why: holds the page's data request after the redirect until the second juror is picked, so
    // the pick comes before the list changes every time; the answer is still the server's.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const pageData = (url: URL) => url.pathname === `/office/seal/${applicationId}.data`;
    await page.route(pageData, async (route) => {
      if (route.request().method() === "GET") await held;
      await route.continue();
    });
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), assign.locator('button[type="submit"]').click()]);
    await jurorSelect.selectOption({ label: second });
    release();
    await expect.poll(() => jurySection.textContent()).toContain(first);
    await page.unroute(pageData);
    expect(await jurorSelect.locator("option").allTextContents()).not.toContain(first);
    expect(await jurorSelect.locator("option:checked").textContent()).toBe(second);
    await clickAndWait(page, assign.locator('button[type="submit"]'));
    await expect.poll(() => jurySection.textContent()).toContain(second);
    expect(await jurorSelect.inputValue()).toBe("");
    await expect.poll(() => withDb(server, async (db) => (await db.selectFrom("seal_assignment").select("juror_user_id").where("application_id", "=", applicationId).execute()).length)).toBe(2);

    // 7. Both jurors declare no conflict, score every criterion and submit their review.
    for (const email of JURORS) {
      const path = await mailedPath(email, beforeAssign, /https?:\/\/[^\s]+\/jury\/siegel\/\d+/);
      expect(path).toBe(`/jury/siegel/${applicationId}`);
      const jury = await open();
      const juror = jury.page;
      await login(juror, email, PASSWORD);
      await goto(juror, path);
      // Nothing of the application but its name before the declaration.
      expect(await juror.locator('main form[id^="score-"]').count()).toBe(0);
      if (email === JURORS[0]) await expectNoA11yViolations(juror, "/jury/siegel/:id (declaration)");
      await juror.locator('main form#declare select[name="conflict"]').selectOption("none");
      await clickAndWait(juror, juror.locator('main form#declare button[type="submit"]'));
      await expect.poll(() => juror.locator('main form[id^="score-"]').count()).toBe(criterionIds.length);
      for (const id of criterionIds) {
        const score = juror.locator(`main form#score-${id}`);
        await score.locator('select[name="score"]').selectOption("3");
        await score.locator('textarea[name="justification"]').fill("Gut belegt.");
        await clickAndWait(juror, score.locator('button[type="submit"]'));
      }
      if (email === JURORS[0]) await expectNoA11yViolations(juror, "/jury/siegel/:id (scored)");
      await juror.locator('main form#submit-review select[name="recommendation"]').selectOption("award");
      await clickAndWait(juror, juror.locator('main form#submit-review button[type="submit"]'));
      await expect.poll(() => juror.locator("main form#submit-review").count()).toBe(0);
      await jury.context.close();
    }
    expect(
      await withDb(server, (db) => db.selectFrom("seal_assignment").select(["conflict", "recommendation"]).where("application_id", "=", applicationId).where("submitted_at", "is not", null).execute()),
    ).toEqual([
      { conflict: "none", recommendation: "award" },
      { conflict: "none", recommendation: "award" },
    ]);

    // 8. The office awards the seal.
    await goto(page, `/office/seal/${applicationId}`);
    const decide = page.locator("main form#decide");
    await decide.locator('select[name="decision"]').selectOption("award");
    await decide.locator('textarea[name="reason"]').fill("Alle Pflichtkriterien belegt, die Jury empfiehlt einstimmig die Verleihung.");
    await clickAndWait(page, decide.locator('button[type="submit"]'));
    await expect.poll(() => statusOf(applicationId)).toBe("awarded");
    const code = await withDb(server, async (db) => (await db.selectFrom("seal_award").select("code").where("application_id", "=", applicationId).executeTakeFirstOrThrow()).code);
    await office.context.close();
    await association.context.close();

    // 9. The public register lists it, the verification page confirms it, the badge answers.
    const seal = texts("de", "seal");
    await goto(guest.page, "/siegel");
    await expect.poll(() => guest.page.locator("main").textContent()).toContain(ASSOCIATION);
    await goto(guest.page, `/siegel/${code}`);
    const verification = (await guest.page.locator("main").textContent()) ?? "";
    expect(verification).toContain(ASSOCIATION);
    expect(verification).toContain(seal.verify.state.valid);
    const badge = await guest.page.request.get(`/siegel/${code}/badge.svg`);
    expect(badge.status()).toBe(200);
    expect(badge.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(await badge.text()).toContain("<svg");
    await guest.context.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

/** The demo data the axe pass visits (the seed's association, its offer and application, an award). */
type Demo = { orgId: number; offerId: number; applicationId: number; code: string; inviteToken: string };

async function demoData(lng: string): Promise<Demo> {
  return withDb(server, async (db) => {
    const org = await db.selectFrom("organisation").select("id").where("name", "=", "Arbeitskreis Miteinander e.V.").executeTakeFirstOrThrow();
    const offer = await db.selectFrom("association_offer").select("id").where("organisation_id", "=", org.id).orderBy("id").executeTakeFirstOrThrow();
    const application = await db.selectFrom("seal_application").select("id").where("organisation_id", "=", org.id).where("status", "=", "in_review").executeTakeFirstOrThrow();
    const award = await db.selectFrom("seal_award").select("code").where("revoked_at", "is", null).orderBy("id").executeTakeFirstOrThrow();
    const invite = await createTestInvite(db, org.id, `einladung-${lng}@example.org`);
    return { orgId: org.id, offerId: offer.id, applicationId: application.id, code: award.code, inviteToken: invite.token };
  });
}

for (const lng of ["de", "ar"] as const) {
  describe(`association and seal pages in ${lng === "de" ? "German" : "Arabic (rtl)"}`, () => {
    let demo: Demo;
    beforeAll(async () => {
      demo = await demoData(lng);
    });

    async function check(page: Page, label: string) {
      const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
      expect({ lang, dir }, label).toEqual({ lang: lng, dir: directionOf(lng) });
      await expectNoA11yViolations(page, `${label} [${lng}]`);
    }
    async function visit(page: Page, path: string) {
      await goto(page, path);
      expect(new URL(page.url()).pathname, path).toBe(path.split("?")[0]);
      await check(page, path);
    }

    it("public: directory, an association, registration (with errors), seal register, verification, self-check", async () => {
      const { context, page } = await open(lng);
      await visit(page, "/vereine");
      await visit(page, `/vereine/${demo.orgId}`);
      await visit(page, "/vereine/registrieren");
      await page.locator('main form#association-profile button[type="submit"]').click();
      await expect.poll(() => page.locator('main [aria-invalid="true"]').count()).toBeGreaterThan(2);
      await check(page, "/vereine/registrieren (errors)");
      await visit(page, "/siegel");
      await visit(page, `/siegel/${demo.code}`);
      await visit(page, "/siegel/selbstcheck");
      await page.locator('main input[name="c"]').first().check();
      await Promise.all([page.waitForURL(/check=1/), page.locator('main button[type="submit"]').click()]);
      await page.waitForLoadState("networkidle");
      await check(page, "/siegel/selbstcheck (result)");
      await visit(page, `/verein/einladung/${demo.inviteToken}`);
      await context.close();
    });

    it("association admin: /verein, profile, members, offers, seal applications", async () => {
      const { context, page } = await open(lng);
      await login(page, "verein@example.org", PASSWORD);
      for (const path of [
        "/verein",
        `/verein/${demo.orgId}/profil`,
        `/verein/${demo.orgId}/mitglieder`,
        "/verein/angebote",
        "/verein/angebote/neu",
        `/verein/angebote/${demo.offerId}`,
        "/verein/siegel",
        `/verein/siegel/${demo.applicationId}`,
      ]) {
        await visit(page, path);
      }
      await context.close();
    });

    it("juror: /jury/siegel, an application before the declaration", async () => {
      const { context, page } = await open(lng);
      // The demo's second juror has not declared on the demo application yet.
      await login(page, JURORS[1], PASSWORD);
      await visit(page, "/jury/siegel");
      await visit(page, `/jury/siegel/${demo.applicationId}`);
      await context.close();
    });

    it("office: seal list, an application, jury, criteria; an organisation", async () => {
      const { context, page } = await open(lng);
      await login(page, OFFICE, PASSWORD);
      for (const path of ["/office/seal", `/office/seal/${demo.applicationId}`, "/office/seal/jury", "/office/seal/criteria", `/office/organisations/${demo.orgId}`]) {
        await visit(page, path);
      }
      await context.close();
    });
  });
}

describe("the association and seal forms without JavaScript", () => {
  let context: BrowserContext;
  let page: Page;

  async function submit(formSelector: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"),
      page.locator(`main ${formSelector} button[type="submit"]`).click(),
    ]);
    await page.waitForLoadState("load");
    return response;
  }
  async function withoutJs(email?: string) {
    await context?.close();
    ({ context, page } = await open("de", { javaScriptEnabled: false }));
    if (email) await login(page, email, PASSWORD);
  }

  afterAll(async () => {
    await context?.close();
  });

  it("registration: an error keeps the input; then the association is registered", async () => {
    await withoutJs();
    await page.goto("/vereine/registrieren");
    const form = "form#association-profile";
    await page.locator(`main ${form} input[name="name"]`).fill("Ohne Skript Initiative");
    await page.locator(`main ${form} select[name="kind"]`).selectOption("initiative");
    await page.locator(`main ${form} input[name="street"]`).fill("Skriptlosweg 1");
    await page.locator(`main ${form} input[name="postalCode"]`).fill("4787");
    await page.locator(`main ${form} input[name="town"]`).fill("Willich");
    await page.locator(`main ${form} select[name="districtId"]`).selectOption({ label: "Anrath" });
    await page.locator(`main ${form} input[name="email"]`).fill("kontakt@ohneskript.example.org");
    await page.locator(`main ${form} input[name="fields"]`).first().check();
    await page.locator(`main ${form} input[name="languages"][value="de"]`).check();
    await page.locator(`main ${form} input[name="accountName"]`).fill("Olga Ohneskript");
    await page.locator(`main ${form} input[name="accountEmail"]`).fill("olga.ohneskript@example.org");
    await page.locator(`main ${form} input[name="password"]`).fill(ADMIN.password);
    await page.locator(`main ${form} input[name="passwordRepeat"]`).fill(ADMIN.password);
    await page.locator(`main ${form} input[name="privacy"]`).check();
    const failed = await submit(form);
    expect(failed.status()).toBe(400);
    expect(await page.locator(`main ${form} input[name="postalCode"]`).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`main ${form} input[name="name"]`).inputValue()).toBe("Ohne Skript Initiative");
    await page.locator(`main ${form} input[name="postalCode"]`).fill("47877");
    // Passwords are not sent back: typed again.
    await page.locator(`main ${form} input[name="password"]`).fill(ADMIN.password);
    await page.locator(`main ${form} input[name="passwordRepeat"]`).fill(ADMIN.password);
    const ok = await submit(form);
    expect([302, 303]).toContain(ok.status());
    expect(new URL(page.url()).pathname).toBe("/check-mail");
    expect(await withDb(server, (db) => db.selectFrom("organisation").select("legal_form").where("name", "=", "Ohne Skript Initiative").executeTakeFirst())).toEqual({ legal_form: "initiative" });
  });

  /** An association with its admin, a second one under review with two submitted reviews and a juror yet to declare. */
  async function fixtures() {
    return withDb(server, async (db) => {
      const admin = await createTestUser(db, { email: "nojs.admin@example.org", name: "Nina Nojs", password: PASSWORD, roles: [] });
      const org = await createTestAssociation(db, { name: "Skriptfrei e.V.", adminIds: [admin.id] });
      const reviewed = await createTestAssociation(db, { name: "Begutachtet e.V." });
      const application = await createTestApplication(db, { organisationId: reviewed.id, status: "in_review", answered: true });
      for (const n of [1, 2]) {
        const j = await createTestUser(db, { email: `nojs.juror${n}@example.org`, password: PASSWORD });
        await createTestJuror(db, j.id);
        await createTestAssignment(db, { applicationId: application.id, jurorId: j.id, review: { score: 3, recommendation: "award" } });
      }
      const late = await createTestUser(db, { email: "nojs.juror3@example.org", password: PASSWORD });
      await createTestJuror(db, late.id);
      await createTestAssignment(db, { applicationId: application.id, jurorId: late.id });
      return { orgId: org.id, applicationId: application.id };
    });
  }

  it("an offer, a seal statement, a juror's declaration and score, the office's decision", async () => {
    const f = await fixtures();

    // The admin's offer: a missing title first, then published.
    await withoutJs("nojs.admin@example.org");
    await page.goto("/verein/angebote/neu");
    await page.locator('main form#offer textarea[name="description"]').fill("Wir spielen jeden Freitag.");
    await page.locator('main form#offer select[name="fieldId"]').selectOption({ index: 1 });
    await page.locator('main form#offer input[name="times"]').fill("freitags 18 Uhr");
    await page.locator('main form#offer input[name="contactPath"]').fill("Einfach vorbeikommen");
    await page.locator('main form#offer input[name="published"]').check();
    expect((await submit("form#offer")).status()).toBe(400);
    expect(await page.locator('main form#offer input[name="title"]').getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('main form#offer input[name="times"]').inputValue()).toBe("freitags 18 Uhr");
    await page.locator('main form#offer input[name="title"]').fill("Spieleabend ohne Skript");
    expect([302, 303]).toContain((await submit("form#offer")).status());
    expect(new URL(page.url()).pathname).toMatch(/^\/verein\/angebote\/\d+$/);

    // A seal application: started, a statement refused when empty, then saved.
    await page.goto("/verein/siegel");
    expect([302, 303]).toContain((await submit("form#seal-start")).status());
    const applicationPath = new URL(page.url()).pathname;
    expect(applicationPath).toMatch(/^\/verein\/siegel\/\d+$/);
    const answerForm = await page.locator('main form[id^="answer-"]').first().getAttribute("id");
    await page.locator(`main form#${answerForm} select[name="selfScore"]`).selectOption("2");
    expect((await submit(`form#${answerForm}`)).status()).toBe(400);
    expect(await page.locator(`main form#${answerForm} textarea[name="statement"]`).getAttribute("aria-invalid")).toBe("true");
    await page.locator(`main form#${answerForm} textarea[name="statement"]`).fill("Ohne JavaScript gespeichert.");
    expect([302, 303]).toContain((await submit(`form#${answerForm}`)).status());
    expect(await page.locator(`main form#${answerForm} textarea[name="statement"]`).inputValue()).toBe("Ohne JavaScript gespeichert.");

    // The third juror: the declaration (a conflict needs a note), then a score.
    await withoutJs("nojs.juror3@example.org");
    await page.goto(`/jury/siegel/${f.applicationId}`);
    await page.locator('main form#declare select[name="conflict"]').selectOption("declared");
    expect((await submit("form#declare")).status()).toBe(400);
    expect(await page.locator('main form#declare textarea[name="note"]').getAttribute("aria-invalid")).toBe("true");
    await page.locator('main form#declare select[name="conflict"]').selectOption("none");
    expect([302, 303]).toContain((await submit("form#declare")).status());
    const scoreForm = await page.locator('main form[id^="score-"]').first().getAttribute("id");
    await page.locator(`main form#${scoreForm} select[name="score"]`).selectOption("4");
    await page.locator(`main form#${scoreForm} textarea[name="justification"]`).fill("Ohne JavaScript bewertet.");
    expect([302, 303]).toContain((await submit(`form#${scoreForm}`)).status());
    expect(await withDb(server, (db) => db.selectFrom("seal_score as s").innerJoin("user as u", "u.id", "s.juror_user_id").select(["s.score", "s.justification"]).where("u.email", "=", "nojs.juror3@example.org").execute())).toEqual([
      { score: 4, justification: "Ohne JavaScript bewertet." },
    ]);

    // The office's decision: no reason first, then awarded.
    await withoutJs(OFFICE);
    await page.goto(`/office/seal/${f.applicationId}`);
    await page.locator('main form#decide select[name="decision"]').selectOption("award");
    expect((await submit("form#decide")).status()).toBe(400);
    expect(await page.locator('main form#decide textarea[name="reason"]').getAttribute("aria-invalid")).toBe("true");
    await page.locator('main form#decide textarea[name="reason"]').fill("Ohne JavaScript entschieden.");
    expect([302, 303]).toContain((await submit("form#decide")).status());
    expect(await statusOf(f.applicationId)).toBe("awarded");
  });
});
