/**
 * Plain German on the public entry pages a newcomer sees first (issue #18): each page renders with a
 * summary box on top (a region named by its heading), and its main text reads at Flesch-Amstad ≥ 60.
 *
 * The main text is what the page itself says: the German translations the rendered page used (each
 * lookup recorded while it renders) that are visible in its main text (outside dropdown option lists).
 * Text from the database (room descriptions, house rules, consent texts, offers) is the office's and
 * the associations' and is left out. Each "\n" in a value is a line of its own, as the page shows it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createRequestI18n } from "../../app/i18n/i18next.server";
import * as home from "../../app/routes/_index";
import * as offers from "../../app/routes/angebote._index";
import * as sponsorships from "../../app/routes/patenschaften";
import * as roomPage from "../../app/routes/raum.$id._index";
import * as roomRequest from "../../app/routes/raum.$id.anfragen";
import * as roomList from "../../app/routes/raum._index";
import * as needs from "../../app/routes/spenden._index";
import * as associations from "../../app/routes/vereine._index";
import { getDb } from "../../app/utils/db.server";
import { createTestAssociation } from "../factories/associations";
import { createTestHousehold, createTestNeed } from "../factories/donations";
import { createTestRoom } from "../factories/rooms";
import { fleschAmstad, linesOfHtml, readingLevelProblem } from "../setup/readability";
import { renderRoute } from "../setup/render";

const MIN_SCORE = 60;
/** The summary is the easy way in: it is held higher than the page. */
const MIN_SUMMARY_SCORE = 70;
let roomId: number;

beforeAll(async () => {
  roomId = (await createTestRoom(getDb())).id;
  const household = await createTestHousehold(getDb());
  await createTestNeed(getDb(), household.id, { category: "chair", quantity: 2, urgency: "urgent" });
  await createTestAssociation(getDb(), { name: "Sportverein Willich", offers: 2 });
});

type I18n = Awaited<ReturnType<typeof createRequestI18n>>;

/** Renders a page in German and records every text its translation lookups returned. */
async function renderRecording(mod: unknown, path: string, params?: Record<string, string>) {
  // why: the German page instance is shared per process; its `t` is wrapped for this one render
  // (and put back after it) to learn which texts the page itself said.
  const i18n: I18n = await createRequestI18n("de");
  const t = i18n.t;
  const said = new Set<string>();
  i18n.t = ((...args: unknown[]) => {
    const text = (t as unknown as (...a: unknown[]) => unknown)(...args);
    if (typeof text === "string") said.add(text);
    return text;
  }) as unknown as I18n["t"];
  try {
    return { page: await renderRoute(mod as never, path, { params }), said: [...said] };
  } finally {
    i18n.t = t;
  }
}

const SUMMARY = /<section[^>]*aria-labelledby="plain-summary"[^>]*>[\s\S]*?<\/section>/;

/**
 * The page's own text as lines: its translated texts that are visible outside dropdown option lists,
 * either in the summary box or in the rest of the page (the body must read well without the summary).
 */
function ownText(html: string, said: string[], part: "summary" | "body"): string[] {
  const visible = linesOfHtml(part === "summary" ? (SUMMARY.exec(html)?.[0] ?? "") : html.replace(SUMMARY, ""));
  // Longest first, and each piece of a visible line is taken once: a short text ("Kultur und Bildung")
  // that is only part of a longer one ("Themen: Kultur und Bildung") is not counted twice.
  const pieces = [...new Set(said.flatMap((text) => text.split("\n")).map((l) => l.trim()))].filter(Boolean).sort((a, b) => b.length - a.length);
  const rest = [...visible];
  const found: string[] = [];
  for (const piece of pieces) {
    const at = rest.findIndex((line) => line.includes(piece));
    if (at < 0) continue;
    found.push(piece);
    rest[at] = rest[at].replace(piece, "\u0000");
  }
  return found;
}

type Page = { name: string; mod: unknown; path: () => string; params?: () => Record<string, string> };
const room = () => ({ id: String(roomId) });
const PAGES: Page[] = [
  { name: "home", mod: home, path: () => "/" },
  { name: "rooms", mod: roomList, path: () => "/raum" },
  { name: "room", mod: roomPage, path: () => `/raum/${roomId}`, params: room },
  { name: "room request", mod: roomRequest, path: () => `/raum/${roomId}/anfragen`, params: room },
  { name: "needs list", mod: needs, path: () => "/spenden" },
  { name: "sponsorships", mod: sponsorships, path: () => "/patenschaften" },
  { name: "offers directory", mod: offers, path: () => "/angebote" },
  { name: "associations directory", mod: associations, path: () => "/vereine" },
];
const LATER_STATES: Page[] = [
  { name: "room request once sent", mod: roomRequest, path: () => `/raum/${roomId}/anfragen?gesendet=1`, params: room },
  { name: "sponsorship request once sent", mod: sponsorships, path: () => "/patenschaften?danke=1" },
  { name: "offer search without a match", mod: offers, path: () => "/angebote?q=Zzzz" },
];

describe("plain German on the public entry pages", () => {
  it.each(PAGES)("$name has a summary box on top: a region named by its heading, with short lines", async (p) => {
    const { page } = await renderRecording(p.mod, p.path(), p.params?.());
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<section[^>]*aria-labelledby="plain-summary"[^>]*>\s*<h2[^>]*id="plain-summary"[^>]*>Kurz und einfach<\/h2>\s*<ul/);
    // On top: before it only the way back, the page's title and its lead; no section, form, list or table.
    const before = page.html.slice(0, page.html.search(/<section[^>]*aria-labelledby="plain-summary"/));
    expect(before).not.toMatch(/<(section|form|table|article|ul|ol|h2)\b/);
  });

  it.each([...PAGES, ...LATER_STATES])(`$name reads at Flesch-Amstad ≥ ${MIN_SCORE} without its summary`, async (p) => {
    const { page, said } = await renderRecording(p.mod, p.path(), p.params?.());
    expect(page.status).toBe(200);
    const text = ownText(page.html, said, "body");
    // The measure saw the page: a real amount of its own text.
    expect(fleschAmstad(text).words).toBeGreaterThanOrEqual(20);
    expect(readingLevelProblem(text, MIN_SCORE), `${p.path()}\n${text.join("\n")}`).toBeNull();
  });

  it.each(PAGES)(`$name has a summary that reads at Flesch-Amstad ≥ ${MIN_SUMMARY_SCORE}`, async (p) => {
    const { page, said } = await renderRecording(p.mod, p.path(), p.params?.());
    const text = ownText(page.html, said, "summary");
    expect(text.length).toBeGreaterThanOrEqual(4); // the heading and at least three points
    expect(readingLevelProblem(text, MIN_SUMMARY_SCORE), text.join("\n")).toBeNull();
  });
});
