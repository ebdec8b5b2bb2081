/**
 * Issue #18: the office-only places that named a donation category in German only now name it in
 * the reader's language (the category-name helper; German where the category has no name in it):
 * the work queue's task titles (page, task page, daily digest), the inbox hints below the queue, the
 * import's review of possible duplicates and the Art. 15 exports (own data, a household, the
 * privacy desk). Against a real migrated database (both engines).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/permissions";
import * as queuePage from "../../app/routes/office._index";
import * as taskPage from "../../app/routes/office.tasks.$id";
import * as ownReport from "../../app/routes/me.daten_.auskunft";
import { languageCookie } from "../../app/i18n/i18next.server";
import { categoryNameValues } from "../../app/modules/donations/category-names";
import { exportHousehold } from "../../app/modules/donations/household-privacy.server";
import { offerHandler } from "../../app/modules/import/offer-kind.server";
import { taskDigestTask, tasksReconcileTask } from "../../app/modules/tasks/daily.server";
import { setTaskDigest } from "../../app/modules/tasks/queue.server";
import { exportOwnData } from "../../app/modules/volunteers/personal-data.server";
import { getDb, transaction } from "../../app/utils/db.server";
import { valuesIn } from "../../app/utils/localised-values";
import { createTestUser } from "../factories";
import { createTestHousehold, createTestNeed, createTestOffer } from "../factories/donations";
import { run, makeRequest, sessionCookie } from "../setup/remix";
import { renderRoute } from "../setup/render";

const db = () => getDb();
let office: Actor;
let officeCookie: string;
let offerId: number;

const actorOf = async (roles: Actor["roles"], locale = "de", email?: string): Promise<Actor> => {
  const u = await createTestUser(db(), { roles, locale, ...(email ? { email } : {}) });
  return { userId: u.id, email: u.email, name: "Kim Koordination", locale, emailVerified: true, roles, organisationIds: [] };
};
/** A session cookie plus the language the person chose (the `lng` cookie the language switcher sets). */
const withLanguage = async (cookie: string, lang: string) => `${cookie}; ${(await languageCookie.serialize(lang)).split(";")[0]}`;

beforeAll(async () => {
  office = await actorOf(["coordinator"]);
  officeCookie = await sessionCookie(office.userId);
  // An offer of a chair waiting for review: the queue gets its task from the daily reconciliation.
  offerId = (await createTestOffer(db(), { category: "chair", reviewState: "pending" })).id;
  await transaction((trx) => tasksReconcileTask.run(trx, new Date()));
});

describe("the stored values of a title carry every language", () => {
  it("the German name under the key, the others beside it; each reader gets theirs", () => {
    const values = { ...categoryNameValues("category", { name_de: "Stuhl", name_en: "Chair", name_ar: "", name_uk: "Стілець", name_fa: "صندلی", name_tr: "Sandalye", name_ru: "Стул" }), code: "H-1" };
    expect(values).not.toHaveProperty("category@ar");
    expect(valuesIn(values, "fa")).toEqual({ category: "صندلی", code: "H-1" });
    expect(valuesIn(values, "ar")).toEqual({ category: "Stuhl", code: "H-1" });
    expect(valuesIn(values, "de")).toEqual({ category: "Stuhl", code: "H-1" });
    // Values stored before (German only) read as they are.
    expect(valuesIn({ category: "Stuhl" }, "tr")).toEqual({ category: "Stuhl" });
  });
});

describe("the work queue", () => {
  it("names the category of an offer to review in the office member's language", async () => {
    const task = await db().selectFrom("task").select(["id", "title_values"]).where("kind", "=", "donation-offer-review").where("record_id", "=", String(offerId)).executeTakeFirstOrThrow();
    expect(JSON.parse(task.title_values)).toMatchObject({ category: "Stuhl", "category@fa": "صندلی", "category@ru": "Стул" });
    const expected = { de: "Stuhl", fa: "صندلی", tr: "Sandalye", ru: "Стул", en: "Chair" } as const;
    for (const [lang, name] of Object.entries(expected)) {
      const page = await renderRoute(queuePage, "/office?view=all", { cookie: officeCookie, lang: lang as keyof typeof expected });
      expect(page.status).toBe(200);
      expect(page.text, lang).toContain(name);
      if (lang !== "de") expect(page.text, `${lang} shows no German name`).not.toContain("Stuhl");
    }
    const one = await renderRoute(taskPage, `/office/tasks/${task.id}`, { cookie: officeCookie, lang: "tr", params: { id: String(task.id) } });
    expect(one.status).toBe(200);
    expect(one.text).toContain("Sandalye");
    expect(one.text).not.toContain("Stuhl");
  });

  it("the daily digest names it in the subscriber's language", async () => {
    const ru = await actorOf(["coordinator"], "ru");
    await setTaskDigest(ru, true, new Date(Date.now() - 86_400_000));
    await transaction((trx) => taskDigestTask.run(trx, new Date()));
    const mail = await db().selectFrom("outbox").select(["text", "locale"]).where("to_address", "=", ru.email).where("template", "=", "task-digest").executeTakeFirstOrThrow();
    expect(mail.locale).toBe("ru");
    expect(mail.text).toContain("Стул");
    expect(mail.text).not.toContain("Stuhl");
  });

  it("the hints below the queue name needs' categories in the reader's language", async () => {
    const household = await createTestHousehold(db());
    await createTestNeed(db(), household.id, { category: "pram", createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
    const fa = await renderRoute(queuePage, "/office", { cookie: officeCookie, lang: "fa" });
    expect(fa.text).toContain("کالسکهٔ کودک");
    expect(fa.text).not.toContain("Kinderwagen");
    const de = await renderRoute(queuePage, "/office", { cookie: officeCookie, lang: "de" });
    expect(de.text).toContain("Kinderwagen");
  });
});

describe("the import's review of possible duplicates", () => {
  it("describes an existing offer with its category in the office member's language", async () => {
    const described = await offerHandler.describe(db(), [String(offerId)], "ru");
    expect(described.get(String(offerId))?.detail).toMatch(/^Стул, 1×/);
    expect((await offerHandler.describe(db(), [String(offerId)], "de")).get(String(offerId))?.detail).toMatch(/^Stuhl, 1×/);
  });
});

describe("Art. 15 exports", () => {
  it("a household's export names its needs' categories in the reader's language", async () => {
    const household = await createTestHousehold(db());
    await createTestNeed(db(), household.id, { category: "chair", quantity: 2 });
    const tr = (await exportHousehold(office, household.id, new Date(), "tr")) as { needs: Array<Record<string, unknown>> };
    expect(tr.needs.map((n) => n.category)).toEqual(["Sandalye"]);
    // The record keeps its shape: the category where it stood, no name columns.
    expect(Object.keys(tr.needs[0]).slice(0, 3)).toEqual(["id", "category", "size"]);
    expect(tr.needs[0]).not.toHaveProperty("name_de");
    const de = (await exportHousehold(office, household.id, new Date())) as { needs: Array<Record<string, unknown>> };
    expect(de.needs.map((n) => n.category)).toEqual(["Stuhl"]);
  });

  it("the own export names the person's offers' categories in their language, also on the page", async () => {
    const donor = await actorOf(["volunteer"], "fa", "spender-fa@example.org");
    await createTestOffer(db(), { category: "bicycles", donorEmail: "spender-fa@example.org" });
    const fa = (await exportOwnData(donor, new Date(), "fa")) as unknown as { donations: { offers: Array<{ category: string }> } };
    expect(fa.donations.offers.map((o) => o.category)).toEqual(["دوچرخه"]);
    const page = await run(ownReport.loader, makeRequest("/me/daten/auskunft", { cookie: await withLanguage(await sessionCookie(donor.userId), "tr") }));
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).toContain("Bisiklet");
    expect(JSON.stringify(page.data)).not.toContain("Fahrräder");
  });
});
