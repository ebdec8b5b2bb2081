/**
 * Sponsorships and tandems in the browser (issue 14), against the production build:
 * 1. The journey: a household asks for a sponsor through the public form in Arabic; the office
 *    finds the request in its inbox, opens the ranked proposals and proposes a sponsor; she
 *    accepts on /me/sponsorships; the office records the household's agreement (the tandem
 *    starts), plans and records the first meeting; the sponsor logs a meeting; the household
 *    confirms it with the one-tap link from its mail (loopback SMTP); the funding CSV lists the
 *    tandem's code with the confirmed meeting's date.
 * 2. Axe (WCAG 2.1 A/AA) on every sponsorship and tandem page, in German and in Arabic (`<html
 *    lang dir>` checked), with error states of the forms.
 * 3. Without JavaScript: the public request form, proposing, declining/accepting, logging a
 *    meeting and the household's confirmation are plain HTML forms (bad input: the message at
 *    the field, the input kept).
 */
import type { Browser, BrowserContext, Locator, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionOf } from "../../app/i18n/config";
import { expectNoA11yViolations, launchBrowser, login, newPage } from "../setup/browser";
import { startTestServer, type TestServer } from "../setup/server";
import { clickAndWait, languageCookie, PASSWORD, texts, withDb } from "./donations.helpers";
import { berlinToday, fill } from "./volunteers.helpers";

type Lng = "de" | "ar";
const sp = { de: texts("de", "sponsorships"), ar: texts("ar", "sponsorships") };
const td = { de: texts("de", "tandems"), ar: texts("ar", "tandems") };
const common = { de: texts("de", "common"), ar: texts("ar", "common") };

const OFFICE = "koordination@example.org";
/** Lea (coverage demo): Neersen, German and Arabic, capacity 2, § 72a inspection, no sponsorship yet. */
const LEA = { email: "ehrenamt7@example.org", name: "Lea Beispielhof" };
/** Tomasz: the seed asked him for Iryna's request (H-DEMO2); he has not answered. */
const TOMASZ = "ehrenamt@example.org";
/** Oksana sponsors the trial tandem T-DEMO-01 (household in Ukrainian), Rami the active T-DEMO-02 (household in Arabic). */
const OKSANA = "fahrdienst3@example.org";
const RAMI = "fahrdienst4@example.org";
const HOUSEHOLD = { firstName: "Salma", email: "salma.haushalt@example.org", phone: "02154 998877" };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Uncaught errors in the pages (e.g. a route that breaks while hydrating). */
const pageErrors: string[] = [];
/** Seeded rows the tests visit. */
let seed: { trialTandem: number; activeTandem: number; amalRequest: number; karimRequest: number; irynaRequest: number; funded: number };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  seed = await withDb(server, async (db) => {
    const tandem = async (code: string) => (await db.selectFrom("tandem").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
    const request = async (code: string) =>
      (await db.selectFrom("sponsorship_request as r").innerJoin("household as h", "h.id", "r.household_id").select("r.id").where("h.code", "=", code).orderBy("r.id").executeTakeFirstOrThrow()).id;
    const funded = await db.selectFrom("sponsorship_programme").select("id").where("name", "=", "Menschen stärken Menschen").executeTakeFirstOrThrow();
    return {
      trialTandem: await tandem("T-DEMO-01"),
      activeTandem: await tandem("T-DEMO-02"),
      amalRequest: await request("H-DEMO1"),
      irynaRequest: await request("H-DEMO2"),
      karimRequest: await request("H-DEMO3"),
      funded: funded.id,
    };
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function open(lng: Lng, options: Parameters<typeof newPage>[2] = {}): Promise<Page> {
  const { context, page } = await newPage(browser, server.baseUrl, options);
  contexts.push(context);
  if (lng !== "de") await context.addCookies([languageCookie(server.baseUrl, lng)]);
  if (options.javaScriptEnabled !== false) page.on("pageerror", (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

async function signedIn(lng: Lng, email: string, options: Parameters<typeof newPage>[2] = {}): Promise<Page> {
  const page = await open(lng, options);
  await login(page, email, PASSWORD);
  return page;
}

/** `<html lang dir>` of the language, then axe. */
async function check(page: Page, label: string, lng: Lng) {
  const { lang, dir } = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  expect({ lang, dir }, label).toEqual({ lang: lng, dir: directionOf(lng) });
  await expectNoA11yViolations(page, `${label} [${lng}]`);
}

async function visit(page: Page, path: string, label: string, lng: Lng, status = 200) {
  const response = await page.goto(path, { waitUntil: "networkidle" });
  expect(response?.status() ?? 0, `${label}: ${path}`).toBe(status);
  await check(page, label, lng);
}

/** Waits for a value (a page after a submission revalidates its data): longer than Vitest's 1 s default. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const mainText = async (page: Page) => ((await page.locator("main").textContent()) ?? "").replace(/[\u2066-\u2069]/g, "");

/** The path of the confirmation link in the first mail to `to` after `before` mails. */
async function confirmationLink(to: string, before: number): Promise<string> {
  const start = Date.now();
  for (;;) {
    const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to.toLowerCase()));
    const path = mail ? /\/patenschaft\/treffen\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0] : undefined;
    if (path) return path;
    if (Date.now() - start > 20_000) throw new Error(`no confirmation link to ${to} within 20 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for a mail to `to` after `before` mails and returns its text. */
async function mailTo(to: string, before: number): Promise<string> {
  const start = Date.now();
  for (;;) {
    const mail = server.smtp.received.slice(before).find((m) => m.to.includes(to.toLowerCase()));
    if (mail) return mail.text;
    if (Date.now() - start > 20_000) throw new Error(`no mail to ${to} within 20 s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sponsor logs a meeting on her tandem's page (the page must be open). */
async function logMeeting(page: Page, m: { day: string; minutes: string; topic: string; note: string }, lng: Lng = "de") {
  const form = page.locator("main form#log");
  await form.locator('input[name="day"]').fill(m.day);
  await form.locator('input[name="minutes"]').fill(m.minutes);
  await form.locator(`input[name="topics"][value="${m.topic}"]`).check();
  await form.locator('textarea[name="note"]').fill(m.note);
  await clickAndWait(page, form.getByRole("button", { name: td[lng].me.logSubmit }));
}

describe("a sponsorship from the Arabic request form to the funding evidence", () => {
  it("request (ar) → inbox → ranked proposals → propose → accept → agreement → first meeting → meeting logged → confirmed by link → funding CSV", async () => {
    const today = berlinToday();
    const de = sp.de;
    const ar = sp.ar;

    // 1. The household asks in Arabic, without an account.
    const guest = await open("ar");
    await guest.goto("/patenschaften", { waitUntil: "networkidle" });
    await check(guest, "/patenschaften", "ar");
    const form = guest.locator("main form#sponsorship-public");
    await form.locator('input[name="firstName"]').fill(HOUSEHOLD.firstName);
    await form.locator('input[name="phone"]').fill(HOUSEHOLD.phone);
    await form.locator('input[name="email"]').fill(HOUSEHOLD.email);
    await form.locator('input[name="languages"][value="ar"]').check();
    await form.locator('input[name="help"][value="german"]').check();
    await form.locator('input[name="help"][value="school"]').check();
    await form.locator('input[name="times"][value="3-afternoon"]').check();
    await form.locator('input[name="times"][value="5-evening"]').check();
    await form.locator('select[name="districtId"]').selectOption({ label: "Neersen" });
    await form.locator('select[name="genderWish"]').selectOption("female");
    await form.locator('input[name="consent"]').check();
    await Promise.all([guest.waitForURL((u) => u.searchParams.get("danke") === "1"), form.getByRole("button", { name: ar.public.form.submit }).click()]);
    await guest.waitForLoadState("networkidle");
    await poll(() => mainText(guest)).toContain(ar.public.thanks);
    await check(guest, "/patenschaften (thanks)", "ar");
    const request = await withDb(server, (db) =>
      db
        .selectFrom("sponsorship_request as r")
        .innerJoin("household as h", "h.id", "r.household_id")
        .select(["r.id", "r.status", "r.locale", "r.source", "h.code"])
        .where("h.contact_email", "=", HOUSEHOLD.email)
        .executeTakeFirstOrThrow(),
    );
    expect(request).toMatchObject({ status: "new", locale: "ar", source: "public" });
    // The public page names nobody.
    expect(await guest.content()).not.toContain(request.code);

    // 2. The office sees it in its work queue (a task per new request, ADR 0036) and opens the request.
    const office = await signedIn("de", OFFICE);
    await office.goto("/office?module=sponsorships", { waitUntil: "networkidle" });
    const taskLink = office.locator("main").getByRole("link", { name: new RegExp(request.code) });
    await Promise.all([office.waitForURL(`**/office/sponsorships/requests/${request.id}`), taskLink.click()]);
    await office.waitForLoadState("networkidle");
    // The office's list of new requests names it too.
    await office.goto("/office/sponsorships?status=new", { waitUntil: "networkidle" });
    const row = office.locator("main a").filter({ hasText: `${HOUSEHOLD.firstName} (${request.code})` });
    await Promise.all([office.waitForURL(`**/office/sponsorships/requests/${request.id}`), row.click()]);
    await office.waitForLoadState("networkidle");
    await check(office, "request with ranked proposals", "de");

    // 3. The ranked proposals: Lea (Arabic, Neersen, a woman, Wednesday afternoons) comes first, with her reasons.
    const cards = office.locator('main section[aria-labelledby="h-ranked"] article');
    await poll(() => cards.count()).toBeGreaterThan(0);
    expect(await cards.first().textContent()).toContain(LEA.name);
    const lea = cards.filter({ hasText: LEA.name });
    expect(await lea.textContent()).toContain(de.reasons.district);
    expect(await lea.textContent()).toContain(de.reasons.gender.female);
    const beforePropose = server.smtp.received.length;
    await clickAndWait(office, lea.getByRole("button", { name: fill(de.detail.proposeNamed, { name: LEA.name }) }));
    const proposals = office.locator('main section[aria-labelledby="h-proposals"] tbody tr').filter({ hasText: LEA.name });
    await poll(() => proposals.textContent()).toContain(de.proposalStatus.proposed);
    // Asked by mail, with the link to her page.
    expect(await mailTo(LEA.email, beforePropose)).toContain(`${server.baseUrl}/me/sponsorships`);

    // 4. Lea accepts on /me/sponsorships (the first name only after accepting).
    const sponsor = await signedIn("de", LEA.email);
    await sponsor.goto("/me/sponsorships", { waitUntil: "networkidle" });
    const proposal = sponsor.locator("main article").filter({ hasText: de.me.beforeAccept });
    await poll(() => proposal.count()).toBe(1);
    expect(await proposal.textContent()).not.toContain(HOUSEHOLD.firstName);
    await check(sponsor, "/me/sponsorships (asked)", "de");
    await clickAndWait(sponsor, proposal.getByRole("button", { name: de.me.accept }));
    await poll(() => mainText(sponsor)).toContain(de.me.waitingForHousehold);
    expect(await mainText(sponsor)).toContain(fill(de.me.proposalFor, { name: HOUSEHOLD.firstName }));

    // 5. The office: the inbox says she accepted; the household's agreement starts the tandem.
    await office.goto("/office", { waitUntil: "networkidle" });
    const accepted = office.locator("main").getByRole("link", { name: fill(de.inbox.accepted, { name: LEA.name, code: request.code }) });
    await Promise.all([office.waitForURL(`**/office/sponsorships/requests/${request.id}`), accepted.click()]);
    await office.waitForLoadState("networkidle");
    const agree = office.locator('main form:has(input[name="intent"][value="agree"])');
    await agree.locator('select[name="programmeId"]').selectOption(String(seed.funded));
    await check(office, "request with an accepted proposal", "de");
    await clickAndWait(office, agree.getByRole("button", { name: de.detail.agree }));
    const tandem = await withDb(server, (db) => db.selectFrom("tandem").select(["id", "code", "status"]).where("request_id", "=", request.id).executeTakeFirstOrThrow());
    expect(tandem.status).toBe("first_meeting");
    await poll(() => proposals.textContent()).toContain(fill(de.detail.tandem, { code: tandem.code }));

    // 6. The first meeting: planned for today, then held — the trial begins.
    await office.goto("/office/sponsorships/tandems", { waitUntil: "networkidle" });
    await Promise.all([office.waitForURL(`**/office/sponsorships/tandems/${tandem.id}`), office.locator("main a").filter({ hasText: tandem.code }).click()]);
    await office.waitForLoadState("networkidle");
    await check(office, "tandem (first meeting)", "de");
    const plan = office.locator("main form#plan");
    await plan.locator('input[name="day"]').fill(today);
    await plan.locator('input[name="time"]').fill("00:30");
    await plan.locator('input[name="place"]').fill("Begegnungsstätte Neersen");
    await clickAndWait(office, plan.getByRole("button", { name: td.de.steps.planSubmit }));
    const held = office.locator("main form#held");
    await held.waitFor();
    await clickAndWait(office, held.getByRole("button", { name: td.de.steps.heldSubmit }));
    await poll(() => office.locator("main .mantine-Badge-root").first().textContent()).toBe(td.de.status.trial);
    await check(office, "tandem (trial)", "de");

    // 7. Lea logs a meeting on her tandem's page.
    await sponsor.goto("/me/sponsorships", { waitUntil: "networkidle" });
    await Promise.all([sponsor.waitForURL(`**/me/sponsorships/${tandem.id}`), sponsor.locator("main").getByRole("link", { name: new RegExp(fill(td.de.me.listItem, { name: HOUSEHOLD.firstName })) }).click()]);
    await sponsor.waitForLoadState("networkidle");
    await check(sponsor, "/me/sponsorships/:id (trial)", "de");
    const beforeLog = server.smtp.received.length;
    await logMeeting(sponsor, { day: today, minutes: "90", topic: "german", note: "Deutsch geübt im Café" });
    const meetings = sponsor.locator('main section[aria-labelledby="h-meetings"] tbody tr');
    await poll(() => meetings.count()).toBe(1);
    expect(await meetings.first().textContent()).toContain(td.de.me.no);
    await check(sponsor, "/me/sponsorships/:id (meeting logged)", "de");

    // 8. The household confirms with the link from its mail (in Arabic, its request's language).
    const link = await confirmationLink(HOUSEHOLD.email, beforeLog);
    const household = await open("ar");
    await household.goto(link, { waitUntil: "networkidle" });
    expect(await mainText(household)).toContain(td.ar.link.title);
    expect(await household.locator("main [lang]").first().getAttribute("dir")).toBe("rtl");
    await check(household, "confirmation link", "ar");
    await clickAndWait(household, household.locator("main").getByRole("button", { name: td.ar.link.confirm }));
    await poll(() => household.getByRole("status").filter({ hasText: td.ar.link.done.split("{{")[0] }).count()).toBeGreaterThan(0);
    await check(household, "confirmation link (confirmed)", "ar");
    await sponsor.reload({ waitUntil: "networkidle" });
    expect(await meetings.first().textContent()).toContain(td.de.me.yes);

    // 9. The funding evidence of the programme lists the tandem with the confirmed date; so does its CSV.
    await office.goto("/office/sponsorships/funding", { waitUntil: "networkidle" });
    await check(office, "funding (period form)", "de");
    const period = office.locator("main form");
    await period.locator('select[name="programmeId"]').selectOption(String(seed.funded));
    await Promise.all([office.waitForURL((u) => u.searchParams.get("programmeId") === String(seed.funded)), period.getByRole("button", { name: td.de.funding.show }).click()]);
    await office.waitForLoadState("networkidle");
    const evidenceRow = office.locator("main tbody tr").filter({ hasText: tandem.code });
    await poll(() => evidenceRow.count()).toBe(1);
    await check(office, "funding evidence", "de");
    const csvHref = await office.locator("main").getByRole("link", { name: td.de.funding.csv }).getAttribute("href");
    expect(csvHref).toMatch(/^\/office\/sponsorships\/funding\.csv\?/);
    const csv = await office.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    const line = (await csv.text()).split("\r\n").find((l) => l.includes(tandem.code));
    expect(line).toBe(`"${tandem.code}";"${today}";"${td.de.status.trial}";"";"1";"${today}"`);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});

function pagesFor(lng: Lng) {
  const s = sp[lng];
  const t = td[lng];
  return {
    async publicPages() {
      const page = await open(lng);
      await visit(page, "/patenschaften", "/patenschaften", lng);
      // Checked in the browser first: an empty request shows the messages at the fields.
      await page.locator("main form#sponsorship-public").getByRole("button", { name: s.public.form.submit }).click();
      await poll(() => page.locator('main [aria-invalid="true"]').count()).toBeGreaterThan(1);
      await poll(() => mainText(page)).toContain(s.errors.helpRequired);
      await check(page, "/patenschaften (errors)", lng);
      await visit(page, "/patenschaften?danke=1", "/patenschaften (thanks)", lng);
      await visit(page, "/patenschaft/treffen/kein-gueltiger-link-0123456789", "confirmation link (unknown)", lng, 404);
      expect(await mainText(page)).toContain(t.link.gone);
    },

    async officeRequestPages() {
      const page = await signedIn(lng, OFFICE);
      await visit(page, "/office/sponsorships", "/office/sponsorships", lng);
      await visit(page, "/office/sponsorships?status=all", "/office/sponsorships (all)", lng);
      await visit(page, "/office/sponsorships/requests/new", "new request (find household)", lng);
      await visit(page, "/office/sponsorships/requests/new?code=H-DEMO9", "new request (unknown household)", lng);
      await visit(page, "/office/sponsorships/requests/new?code=H-DEMO2", "new request (form)", lng);
      const form = page.locator("main form#sponsorship-request");
      await form.locator('input[name="firstName"]').fill("");
      await form.getByRole("button", { name: common[lng].actions.create }).click();
      await poll(() => form.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
      await check(page, "new request (errors)", lng);
      // Amal's family: only sponsors with a § 72a inspection are ranked; Karim's: a sponsor accepted.
      await visit(page, `/office/sponsorships/requests/${seed.amalRequest}`, "request (ranked, minors)", lng);
      expect(await page.locator('main section[aria-labelledby="h-ranked"] article').count()).toBeGreaterThan(0);
      await visit(page, `/office/sponsorships/requests/${seed.karimRequest}`, "request (accepted proposal)", lng);
      expect(await page.locator('main form:has(input[name="intent"][value="agree"])').count()).toBe(1);
      await visit(page, `/office/sponsorships/requests/${seed.irynaRequest}`, "request (asked, declined)", lng);
    },

    async officeTandemPages() {
      const page = await signedIn(lng, OFFICE);
      await visit(page, "/office/sponsorships/tandems", "tandems", lng);
      await visit(page, "/office/sponsorships/tandems?status=active&q=T-DEMO", "tandems (filtered)", lng);
      await visit(page, `/office/sponsorships/tandems/${seed.trialTandem}`, "tandem (trial)", lng);
      // The trial check-in: "end" without a reason, checked in the browser.
      const trial = page.locator("main form#trial-check-in");
      await trial.locator('select[name="decision"]').selectOption("end");
      await trial.getByRole("button", { name: common[lng].actions.save }).click();
      await poll(() => trial.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
      await check(page, "tandem (trial check-in error)", lng);
      await visit(page, `/office/sponsorships/tandems/${seed.activeTandem}`, "tandem (active, meetings)", lng);
      await visit(page, "/office/sponsorships/funding", "funding (period form)", lng);
      const year = berlinToday().slice(0, 4);
      await visit(page, `/office/sponsorships/funding?programmeId=${seed.funded}&from=${year}-01-01&to=${berlinToday()}`, "funding evidence", lng);
      expect(await page.locator("main tbody tr").count()).toBeGreaterThan(1);
      // The end of the period before its start: 400, the message at the field, the input kept.
      await visit(page, `/office/sponsorships/funding?programmeId=${seed.funded}&from=${year}-06-01&to=${year}-01-31`, "funding (period error)", lng, 400);
      expect(await page.locator('main input[name="to"]').inputValue()).toBe(`${year}-01-31`);
      expect(await page.locator('main input[name="to"]').getAttribute("aria-invalid")).toBe("true");
    },

    async volunteerPages() {
      // Tomasz was asked for Iryna's request: the answer form.
      const asked = await signedIn(lng, TOMASZ);
      await visit(asked, "/me/sponsorships", "/me/sponsorships (asked)", lng);
      expect(await asked.locator('main form:has(input[name="intent"][value="answer"])').count()).toBe(1);

      // German: Oksana's trial tandem (household in Ukrainian); Arabic: Rami's active one (household in Arabic).
      const email = lng === "de" ? OKSANA : RAMI;
      const tandemId = lng === "de" ? seed.trialTandem : seed.activeTandem;
      const householdEmail = lng === "de" ? "haushalt-olha@example.org" : "haushalt-rania@example.org";
      const page = await signedIn(lng, email);
      await visit(page, "/me/sponsorships", "/me/sponsorships (tandem)", lng);
      await visit(page, `/me/sponsorships/${tandemId}`, "/me/sponsorships/:id", lng);
      // A day in the future: the server's message at the field, the input kept.
      const future = "2999-01-01";
      await logMeeting(page, { day: future, minutes: "45", topic: "work", note: "Bewerbung geschrieben" }, lng);
      const day = page.locator('main form#log input[name="day"]');
      await poll(() => day.getAttribute("aria-invalid")).toBe("true");
      expect(await day.inputValue()).toBe(future);
      expect(await page.locator('main form#log textarea[name="note"]').inputValue()).toBe("Bewerbung geschrieben");
      await check(page, "/me/sponsorships/:id (log error)", lng);
      const rows = page.locator('main section[aria-labelledby="h-meetings"] tbody tr');
      const had = await rows.count();
      const before = server.smtp.received.length;
      await logMeeting(page, { day: berlinToday(), minutes: "45", topic: "work", note: "Bewerbung geschrieben" }, lng);
      await poll(() => rows.count()).toBe(had + 1);
      await check(page, "/me/sponsorships/:id (logged)", lng);

      // The household's link: its own language inside the page's.
      const link = await confirmationLink(householdEmail, before);
      const household = await open(lng);
      await visit(household, link, "confirmation link", lng);
      await clickAndWait(household, household.locator('main button[type="submit"]'));
      await poll(() => household.locator('main button[type="submit"]').count()).toBe(0);
      await check(household, "confirmation link (confirmed)", lng);
    },
  };
}

for (const lng of ["de", "ar"] as const) {
  describe(`sponsorship and tandem pages in ${lng === "de" ? "German" : "Arabic (rtl)"}`, () => {
    const pages = pagesFor(lng);
    it("public: /patenschaften (empty, errors, thanks), an unknown confirmation link", () => pages.publicPages(), 240_000);
    it("office: requests list, new request (errors), request pages", () => pages.officeRequestPages(), 240_000);
    it("office: tandems, tandem pages (trial, active), funding evidence (with an error)", () => pages.officeTandemPages(), 240_000);
    it("volunteer: /me/sponsorships, a tandem's page (log error, logged), the household's link", () => pages.volunteerPages(), 240_000);
  });
}

describe("without JavaScript", { timeout: 240_000 }, () => {
  const de = sp.de;
  /** Clicks a submit button and returns the answer to the document POST. */
  async function post(page: Page, button: Locator): Promise<Response> {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document"), button.click()]);
    await page.waitForLoadState("load");
    return response;
  }

  it("the public request form: the consent missing → message, input kept; then sent", async () => {
    const page = await open("de", { javaScriptEnabled: false });
    await page.goto("/patenschaften");
    const form = page.locator("main form#sponsorship-public");
    await form.locator('input[name="firstName"]').fill("Nadia");
    await form.locator('input[name="email"]').fill("nadia.ohnejs@example.org");
    await form.locator('input[name="languages"][value="ar"]').check();
    await form.locator('input[name="help"][value="authorities"]').check();
    await form.locator('input[name="times"][value="2-evening"]').check();
    const failed = await post(page, form.getByRole("button", { name: de.public.form.submit }));
    expect(failed.status()).toBe(400);
    const consent = page.locator('main input[name="consent"]');
    expect(await consent.getAttribute("aria-invalid")).toBe("true");
    expect(await mainText(page)).toContain(de.errors.consentRequired);
    expect(await page.locator('main input[name="firstName"]').inputValue()).toBe("Nadia");
    expect(await page.locator('main input[name="email"]').inputValue()).toBe("nadia.ohnejs@example.org");
    expect(await page.locator('main input[name="help"][value="authorities"]').isChecked()).toBe(true);
    expect(await page.locator('main input[name="times"][value="2-evening"]').isChecked()).toBe(true);
    expect(await page.locator('main input[name="languages"][value="ar"]').isChecked()).toBe(true);

    await consent.check();
    const ok = await post(page, page.locator("main form#sponsorship-public").getByRole("button", { name: de.public.form.submit }));
    expect(ok.status()).toBe(302);
    expect(new URL(page.url()).searchParams.get("danke")).toBe("1");
    expect(await mainText(page)).toContain(de.public.thanks);
    expect(await withDb(server, (db) => db.selectFrom("household").select("contact_name").where("contact_email", "=", "nadia.ohnejs@example.org").execute())).toEqual([{ contact_name: "Nadia" }]);
  });

  it("proposing: a sponsor who meanwhile withdrew her willingness → the message, nothing proposed; then proposed", async () => {
    const page = await signedIn("de", OFFICE, { javaScriptEnabled: false });
    await page.goto(`/office/sponsorships/requests/${seed.irynaRequest}`);
    const card = page.locator('main section[aria-labelledby="h-ranked"] article').first();
    const volunteerId = (await card.locator('input[name="volunteerId"]').getAttribute("value"))!;
    const name = (await card.locator("p[id^='cand-']").textContent())!.replace(/^\d+\.\s*/, "");
    // Meanwhile the sponsor withdrew her willingness (the page is stale).
    const willing = (value: number) => withDb(server, (db) => db.updateTable("sponsor_profile").set({ willing: value }).where("user_id", "=", volunteerId).execute());
    await willing(0);
    const failed = await post(page, card.getByRole("button", { name: fill(de.detail.proposeNamed, { name }) }));
    expect(failed.status()).toBe(400);
    // She is no longer ranked: the message stands above the page's sections, nothing was proposed.
    expect(await page.locator('main [role="alert"]').filter({ hasText: de.errors.notEligible }).count()).toBeGreaterThan(0);
    expect(await withDb(server, (db) => db.selectFrom("sponsorship_proposal").select("id").where("volunteer_user_id", "=", volunteerId).where("request_id", "=", seed.irynaRequest).execute())).toEqual([]);
    await willing(1);

    await page.goto(`/office/sponsorships/requests/${seed.irynaRequest}`);
    const again = page.locator('main section[aria-labelledby="h-ranked"] article').filter({ has: page.locator(`input[name="volunteerId"][value="${volunteerId}"]`) });
    const ok = await post(page, again.getByRole("button", { name: fill(de.detail.proposeNamed, { name }) }));
    expect(ok.status()).toBe(302);
    const row = page.locator('main section[aria-labelledby="h-proposals"] tbody tr').filter({ hasText: name });
    expect(await row.textContent()).toContain(de.proposalStatus.proposed);
  });

  it("answering: declining without a reason → message at the reason; then accepted", async () => {
    const page = await signedIn("de", TOMASZ, { javaScriptEnabled: false });
    await page.goto("/me/sponsorships");
    const article = page.locator("main article").filter({ hasText: de.me.beforeAccept });
    expect(await article.count()).toBe(1);
    const failed = await post(page, article.getByRole("button", { name: de.me.decline }));
    expect(failed.status()).toBe(400);
    const reason = page.locator('main select[name="reason"]');
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect(await mainText(page)).toContain(de.errors.reasonRequired);
    // Still asked: nothing changed.
    expect(await page.locator("main article").filter({ hasText: de.me.beforeAccept }).count()).toBe(1);

    const ok = await post(page, page.locator("main article").filter({ hasText: de.me.beforeAccept }).getByRole("button", { name: de.me.accept }));
    expect(ok.status()).toBe(302);
    expect(new URL(page.url()).pathname).toBe("/me/sponsorships");
    expect(await mainText(page)).toContain(de.me.waitingForHousehold);
  });

  it("logging a meeting and the household's confirmation", async () => {
    const page = await signedIn("de", OKSANA, { javaScriptEnabled: false });
    await page.goto(`/me/sponsorships/${seed.trialTandem}`);
    const form = page.locator("main form#log");
    await form.locator('input[name="day"]').fill("2999-12-31");
    await form.locator('input[name="minutes"]').fill("30");
    await form.locator('input[name="topics"][value="housing"]').check();
    await form.locator('textarea[name="note"]').fill("Wohnungsanzeigen gelesen");
    const failed = await post(page, form.getByRole("button", { name: td.de.me.logSubmit }));
    expect(failed.status()).toBe(400);
    const day = page.locator('main form#log input[name="day"]');
    expect(await day.getAttribute("aria-invalid")).toBe("true");
    expect(await mainText(page)).toContain(td.de.errors.dayInFuture);
    expect(await day.inputValue()).toBe("2999-12-31");
    expect(await page.locator('main form#log input[name="minutes"]').inputValue()).toBe("30");
    expect(await page.locator('main form#log input[name="topics"][value="housing"]').isChecked()).toBe(true);
    expect(await page.locator('main form#log textarea[name="note"]').inputValue()).toBe("Wohnungsanzeigen gelesen");

    await day.fill(berlinToday());
    const before = server.smtp.received.length;
    const ok = await post(page, page.locator("main form#log").getByRole("button", { name: td.de.me.logSubmit }));
    expect(ok.status()).toBe(302);
    expect(await page.getByRole("status").filter({ hasText: common.de.flash.saved }).count()).toBeGreaterThan(0);

    // The household taps the link, without JavaScript too.
    const link = await confirmationLink("haushalt-olha@example.org", before);
    const household = await open("de", { javaScriptEnabled: false });
    await household.goto(link);
    const confirmed = await post(household, household.locator('main button[type="submit"]'));
    expect(confirmed.status()).toBe(302);
    expect(await household.locator('main button[type="submit"]').count()).toBe(0);
    expect(await household.locator('main [role="status"]').count()).toBeGreaterThan(0);
    const meeting = await withDb(server, (db) =>
      db.selectFrom("tandem_meeting").select(["confirmed_at"]).where("tandem_id", "=", seed.trialTandem).where("note", "=", "Wohnungsanzeigen gelesen").executeTakeFirstOrThrow(),
    );
    expect(meeting.confirmed_at).not.toBeNull();

    // An unknown link: the page says so (404).
    const gone = await household.goto("/patenschaft/treffen/unbekannter-link-abcdefghij");
    expect(gone?.status()).toBe(404);
    expect(await mainText(household)).toContain(td.de.link.gone);
  });
});
