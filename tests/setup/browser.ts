/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work
 * here), plus an axe check (WCAG 2.0/2.1 A and AA) for every page a browser test reaches.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * `chromium.launch` always starts with a fresh, temporary `--user-data-dir` of its own (and
 * removes it on close); Playwright refuses the flag in `args`, only `launchPersistentContext`
 * takes a directory — and a persistent context cannot open the separate contexts axe needs.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** A page in its own context (axe needs `browser.newContext()`, not `browser.newPage()`). */
export async function newPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "de-DE", timezoneId: "Europe/Berlin", ...options });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

export const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Every `id` value that occurs more than once in the page's DOM. Axe reports duplicate ids only
 * as "needs review", yet one breaks forms for good: an input with `form="x"` attaches to the
 * first element with id `x` (a heading, say) and its value is never posted.
 */
export async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll("[id]"))) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);
    // A control's `form` attribute must name a <form>, or its value is never posted.
    const orphans = Array.from(document.querySelectorAll("[form]"))
      .filter((el) => !(document.getElementById(el.getAttribute("form") ?? "") instanceof HTMLFormElement))
      .map((el) => `${el.getAttribute("name") ?? el.tagName} with form="${el.getAttribute("form")}" (no such form)`);
    return [...duplicates, ...orphans];
  });
}

export async function expectNoDuplicateIds(page: Page, label: string): Promise<void> {
  expect(await duplicateIds(page), `duplicate ids on ${label} (${page.url()})`).toEqual([]);
}

/**
 * Runs axe on the page as it is now and fails listing every violation and where it is; fails as
 * well on duplicate `id` values (every crawl that checks axe checks those too).
 */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  await expectNoDuplicateIds(page, label);
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const lines = results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(" ")}\n        ${n.failureSummary?.replace(/\n/g, "\n        ") ?? ""}`)
      .join("\n");
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))\n${nodes}`;
  });
  expect(lines, `axe violations on ${label} (${page.url()}):\n${lines.join("\n")}`).toEqual([]);
}

/** True when the page is wider than the viewport (horizontal scrolling). */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Logs in through the real form (fields `email` and `password`); fails with the page's message. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login", { waitUntil: "networkidle" });
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator("main").locator('button[type="submit"]').click();
  const refused = page.locator("main form [role=alert]");
  const done = page.waitForURL((u) => !u.pathname.startsWith("/login")).then(() => "in" as const);
  const error = refused.waitFor().then(() => "refused" as const);
  // The loser of the race times out later: keep that from becoming an unhandled rejection.
  done.catch(() => undefined);
  error.catch(() => undefined);
  if ((await Promise.race([done, error])) === "refused") throw new Error(`login as ${email} refused: ${await refused.textContent()}`);
}
