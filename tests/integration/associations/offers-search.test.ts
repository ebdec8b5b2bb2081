/**
 * Full-text search of the public offers directory /angebote (issue #15, migration 0057, ADR 0046),
 * on the engine of the run (SQLite FTS5, or PostgreSQL's GIN-indexed tsvector with
 * TEST_DATABASE_URL): words whatever their case, umlauts and Arabic letter forms; every language
 * of an offer; the last word as a prefix (only the last); the most relevant first; filters and
 * paging together with the search; the index kept current by every write, through the /verein
 * form and directly; never an offer of an unverified association, nor a draft; no query syntax
 * reaches either engine.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import * as list from "../../../app/routes/angebote._index";
import * as editOffer from "../../../app/routes/verein.angebote.$id";
import { searchTerms } from "../../../app/modules/associations/offer-directory.server";
import { getDb, getEngine, getSqlite, recordQueries, tablesOfScopes, tablesRead } from "../../../app/utils/db.server";
import { titledSearchKey } from "../../../app/utils/text-keys";
import { createTestUser } from "../../factories";
import { createTestAssociation, createTestAssociationOffer } from "../../factories/associations";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

const ids: Record<string, number> = {};
let orgId: number;
let adminCookie: string;
let fields: number[];

const lang = (l: string) => ({ headers: { "Accept-Language": l } });
/** The titles /angebote lists for `q` (and further parameters), in the order shown. */
async function found(q: string, more = "", l = "de"): Promise<string[]> {
  const res = await run(list.loader, makeRequest(`/angebote?q=${encodeURIComponent(q)}${more}`, lang(l)));
  expect(res.status, q).toBe(200);
  return (res.data.result.items as Array<{ title: string }>).map((i) => i.title);
}

beforeAll(async () => {
  const db = getDb();
  fields = (await db.selectFrom("field_of_action").select("id").orderBy("sort_order").execute()).map((f) => f.id);
  const admin = await createTestUser(db, { roles: [], name: "Frieda Fulltext" });
  adminCookie = await sessionCookie(admin.id);
  orgId = (await createTestAssociation(db, { name: "Volltext-Verein e.V.", adminIds: [admin.id] })).id;
  // Ranking: "Zither" in the title of one offer, only in the description of another whose title sorts first.
  ids.titleMatch = (await createTestAssociationOffer(db, orgId, { title: "Zither-Abend im Park", description: "Musik für alle.", fieldId: fields[0] })).id;
  ids.bodyMatch = (await createTestAssociationOffer(db, orgId, { title: "Abendmusik am Markt", description: "Gitarre, Flöte und auch eine Zither sind dabei.", fieldId: fields[1] })).id;
  ids.umlaut = (await createTestAssociationOffer(db, orgId, { title: "Straßenfest der Münzfreunde", description: "Tauschbörse für ÄLTERE Münzen." })).id;
  ids.multi = (
    await createTestAssociationOffer(db, orgId, {
      title: "Nähcafé",
      description: "Wir reparieren Kleidung.",
      texts: [
        { locale: "en", title: "Sewing café", description: "We mend clothes together." },
        { locale: "ar", title: "مقهى الخياطة", description: "إرشاد في إصلاح الملابس" },
        { locale: "uk", title: "Кав'ярня шиття", description: "Лагодимо одяг разом." },
      ],
    })
  ).id;
  ids.draft = (await createTestAssociationOffer(db, orgId, { title: "Zither im Entwurf", published: false })).id;
  const pending = await createTestAssociation(db, { name: "Noch nicht geprüft e.V.", status: "pending" });
  ids.pending = (await createTestAssociationOffer(db, pending.id, { title: "Zither ungeprüft", texts: [{ locale: "en", title: "Zither unverified", description: "Zither" }] })).id;
  const rejected = await createTestAssociation(db, { name: "Abgelehnt e.V.", status: "rejected" });
  ids.rejected = (await createTestAssociationOffer(db, rejected.id, { title: "Zither abgelehnt" })).id;
  const archived = await createTestAssociation(db, { name: "Aufgelöst e.V." });
  ids.archived = (await createTestAssociationOffer(db, archived.id, { title: "Zither aufgelöst" })).id;
  await db.updateTable("organisation").set({ archived_at: new Date().toISOString() }).where("id", "=", archived.id).execute();
});

describe("words", () => {
  it("folds the search like the stored key: case, umlauts, ß, punctuation", () => {
    expect(searchTerms("Straßen-FEST, Münze!")).toEqual(["strassen", "fest", "munze"]);
    expect(searchTerms("%")).toEqual([]);
    expect(titledSearchKey("Zither-Abend", "Musik: für alle.\nJa")).toBe("zither abend\nmusik fur alle ja");
  });

  it("finds umlauts, ß and any case, written either way", async () => {
    for (const q of ["Straßenfest", "strassenfest", "STRASSENFEST", "münzfreunde", "munzfreunde", "altere munzen", "ÄLTERE"]) expect(await found(q), q).toEqual(["Straßenfest der Münzfreunde"]);
  });

  it("finds Arabic words whatever the alef's hamza, tashkeel or tatweel", async () => {
    for (const q of ["إرشاد", "ارشاد", "أرشاد", "إِرْشَاد", "ارشـــاد", "الخياطة"]) expect(await found(q), q).toEqual(["Nähcafé"]);
    expect(await found("ارشاد", "", "ar")).toEqual(["مقهى الخياطة"]);
  });

  it("searches every language of an offer: German, English, Arabic, Ukrainian", async () => {
    for (const q of ["Kleidung", "sewing", "mend clothes", "الملابس", "одяг", "ОДЯГ", "лагодимо"]) expect(await found(q), q).toEqual(["Nähcafé"]);
    // Every word in one text of the offer (here the English one) …
    expect(await found("sewing together")).toEqual(["Nähcafé"]);
  });

  it("takes the last word as the start of a longer one, the others only whole", async () => {
    expect(await found("zith")).toEqual(["Zither-Abend im Park", "Abendmusik am Markt"]);
    expect(await found("zither par")).toEqual(["Zither-Abend im Park"]);
    expect(await found("ناتا")).toEqual([]);
    expect(await found("مقه")).toEqual(["Nähcafé"]);
    // Only the last word is a prefix: "zith abend" needs a whole word "zith".
    expect(await found("zith abend")).toEqual([]);
    // Words inside words are not found (full text, not a substring search).
    expect(await found("ither")).toEqual([]);
  });
});

describe("ranking, filters and paging", () => {
  it("lists the most relevant first (a title before a description), else in title order", async () => {
    expect(await found("zither")).toEqual(["Zither-Abend im Park", "Abendmusik am Markt"]);
    const all = await run(list.loader, makeRequest(`/angebote?field=${fields[1]}`));
    expect(all.data.result.items.map((i: { title: string }) => i.title)).toContain("Abendmusik am Markt");
    // Without a search, title order: "Abendmusik …" before "Zither-Abend …".
    const titles = (await run(list.loader, makeRequest("/angebote"))).data.result.items.map((i: { title: string }) => i.title) as string[];
    expect(titles.indexOf("Abendmusik am Markt")).toBeLessThan(titles.indexOf("Zither-Abend im Park"));
  });

  it("combines the search with the filters and counts what it finds", async () => {
    expect(await found("zither", `&field=${fields[1]}`)).toEqual(["Abendmusik am Markt"]);
    const res = await run(list.loader, makeRequest("/angebote?q=zither&page=7"));
    expect(res.data.result).toMatchObject({ total: 2, page: 1 });
  });

  it("pages a search in SQL, relevance first on every page", async () => {
    const db = getDb();
    const org = (await createTestAssociation(db, { name: "Seitenweise e.V." })).id;
    // 25 offers with the word in the description; 1 with it in the title, whose title sorts last.
    for (let i = 0; i < 25; i++) await createTestAssociationOffer(db, org, { title: `Aa Treff ${String(i).padStart(2, "0")}`, description: "Wir basteln Laternen." });
    await createTestAssociationOffer(db, org, { title: "Zz Laternen basteln", description: "Für Kinder." });
    const first = await run(list.loader, makeRequest("/angebote?q=laternen"));
    expect(first.data.result.total).toBe(26);
    expect(first.data.result.items).toHaveLength(20);
    expect(first.data.result.items[0].title).toBe("Zz Laternen basteln");
    expect(first.data.result.items[1].title).toBe("Aa Treff 00");
    const second = await run(list.loader, makeRequest("/angebote?q=laternen&page=2"));
    expect(second.data.result.items.map((i: { title: string }) => i.title)).toEqual(["Aa Treff 19", "Aa Treff 20", "Aa Treff 21", "Aa Treff 22", "Aa Treff 23", "Aa Treff 24"]);
  });
});

describe("only what the public may see", () => {
  it("never finds a draft, an unverified, rejected or archived association's offer, in any language", async () => {
    for (const q of ["zither", "unverified", "ungeprüft", "abgelehnt", "aufgelöst", "entwurf"]) {
      const res = await run(list.loader, makeRequest(`/angebote?q=${encodeURIComponent(q)}`));
      const shown = res.data.result.items.map((i: { id: number }) => i.id);
      for (const hidden of [ids.draft, ids.pending, ids.rejected, ids.archived]) expect(shown, q).not.toContain(hidden);
    }
    expect(await found("unverified")).toEqual([]);
  });

  it("gives no query syntax to either engine: quotes, operators, stars and brackets are plain", async () => {
    for (const q of ['"', "zither*", "zither OR gitarre", "NEAR(zither abend)", "title:zither", "zither & !gitarre", "zither | x", "'; drop table x; --", "*", "-zither", "zither:*"]) {
      const res = await run(list.loader, makeRequest(`/angebote?q=${encodeURIComponent(q)}`));
      expect(res.status, q).toBe(200);
    }
    expect(await found("zither*")).toEqual(["Zither-Abend im Park", "Abendmusik am Markt"]);
    expect(await found("title:zither")).toEqual([]);
    expect(await found('"')).toEqual([]);
  });
});

describe("the index follows every write", () => {
  it("an edit through the /verein form replaces the old words, in German and in the translations", async () => {
    const form = {
      intent: "save",
      organisationId: String(orgId),
      title: "Flickstube",
      description: "Wir stopfen Socken.",
      fieldId: String(fields[0]),
      languages: ["de"],
      districtId: "",
      place: "",
      times: "freitags",
      targetGroup: "everyone",
      cost: "free",
      contactPath: "Einfach vorbeikommen",
      published: "on",
      titleEn: "Darning room",
      descriptionEn: "We darn socks.",
    };
    const saved = await run(editOffer.action, makeRequest(`/verein/angebote/${ids.multi}`, { form, cookie: adminCookie }), { id: String(ids.multi) });
    expect(saved.status).toBe(302);
    for (const q of ["Nähcafé", "sewing", "الخياطة", "одяг"]) expect(await found(q), q).toEqual([]);
    for (const q of ["flickstube", "socken", "darning", "socks"]) expect(await found(q), q).toEqual(["Flickstube"]);
    // Unpublished: gone from the search at once.
    const hidden = await run(editOffer.action, makeRequest(`/verein/angebote/${ids.multi}`, { form: { ...form, published: "" }, cookie: adminCookie }), { id: String(ids.multi) });
    expect(hidden.status).toBe(302);
    expect(await found("socken")).toEqual([]);
  });

  it("follows direct writes too (any writer: the index is kept by the database)", async () => {
    const db = getDb();
    const org = (await createTestAssociation(db, { name: "Direkt e.V." })).id;
    const id = (await createTestAssociationOffer(db, org, { title: "Kürbisschnitzen", texts: [{ locale: "uk", title: "Різьблення гарбузів", description: "Для дітей" }] })).id;
    expect(await found("гарбузів")).toEqual(["Kürbisschnitzen"]);
    await db.updateTable("association_offer").set({ title: "Apfelernte", search_key: titledSearchKey("Apfelernte", "Im Herbst") }).where("id", "=", id).execute();
    expect(await found("kurbisschnitzen")).toEqual([]);
    expect(await found("apfelernte herbst")).toEqual(["Apfelernte"]);
    await db.updateTable("association_offer_text").set({ search_key: titledSearchKey("Збір яблук", "Восени") }).where("offer_id", "=", id).where("locale", "=", "uk").execute();
    expect(await found("гарбузів")).toEqual([]);
    expect(await found("яблук")).toEqual(["Apfelernte"]);
    await db.deleteFrom("association_offer_text").where("offer_id", "=", id).execute();
    expect(await found("яблук")).toEqual([]);
    await db.deleteFrom("association_offer_language").where("offer_id", "=", id).execute();
    await db.deleteFrom("association_offer").where("id", "=", id).execute();
    expect(await found("apfelernte")).toEqual([]);
    if (getEngine() === "sqlite") {
      // FTS5's own check of its index after these deletions (throws on a damaged index).
      await sql`insert into association_offer_fts (association_offer_fts) values ('integrity-check')`.execute(db);
    }
  });
});

describe("answered from the index", () => {
  it("the page cache sees what a search reads: the index counts as the tables it is built from", async () => {
    const { queries } = await recordQueries(() => run(list.loader, makeRequest("/angebote?q=zither")));
    const read = await tablesRead(queries);
    // German page: the translations are read only through the index (SQLite: the FTS5 table).
    expect([...read]).toContain("association_offer_text");
    expect([...read]).not.toContain("association_offer_fts");
    const scoped = (await tablesOfScopes()).get("organisations")!;
    for (const t of ["association_offer", "association_offer_text"]) expect(scoped.has(t), t).toBe(true);
  });

  it("SQLite: the FTS5 table; PostgreSQL: the GIN indexes of the generated vectors", async () => {
    if (getEngine() === "sqlite") {
      const plan = getSqlite()
        .prepare(`explain query plan select rowid from association_offer_fts where association_offer_fts match '"zither"*'`)
        .all() as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join("\n")).toMatch(/VIRTUAL TABLE INDEX/);
      return;
    }
    // The tables are small here, so the planner is told not to scan them to show which index it would use.
    const plan = await getDb()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const { rows } = await sql<{ "QUERY PLAN": string }>`explain select o.id from association_offer o where o.search_vector @@ to_tsquery('simple', 'zither:*')
          union all select t.offer_id from association_offer_text t where t.search_vector @@ to_tsquery('simple', 'zither:*')`.execute(trx);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
    expect(plan).toMatch(/association_offer_search_idx/);
    expect(plan).toMatch(/association_offer_text_search_idx/);
  });
});
