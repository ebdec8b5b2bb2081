import { sql, type Kysely, type Migration } from "kysely";
import type { Engine } from "../dialect";

// Frozen in time: no imports from the app (the engine type only), Kysely<any> only. Never edit after it landed.
//
// Content from the database in Persian (fa), Turkish (tr) and Russian (ru), the UI languages added
// for issue #18:
// - `donation_category.name_fa`, `name_tr`, `name_ru` beside `name_de` … `name_uk` (migration 0005).
//   Not null with the default '' so every existing row stays valid; an empty name is read as "no
//   translation" and the German name is shown. The categories migration 0005 created are filled in
//   below, each found by its slug and its German name as 0005 wrote them: a category the office has
//   renamed since keeps an empty translation (German shows) rather than a translation of the old name.
// - `seal_criterion.title_fa` … `evidence_ru` beside `title_de` … `evidence_uk` (migration 0039),
//   nullable like the other translations (null: the German text is shown).
// - `association_offer_text.locale` (migration 0049) accepted en, ar and uk only; now every UI
//   language but German (German stays in `association_offer`). PostgreSQL swaps the check
//   constraint; SQLite cannot change a check, so the table is rebuilt with the wider one and its
//   triggers (the cache scope "organisations" of 0049, the full-text index of 0057) are created
//   again from their stored text. The full-text rows stay: their ids come from offer and locale.

const LANGS = ["fa", "tr", "ru"] as const;

// [slug, German name as migration 0005 wrote it, fa, tr, ru]
const CATEGORY_NAMES: Array<[string, string, string, string, string]> = [
  ["furniture", "Möbel", "مبلمان", "Mobilya", "Мебель"],
  ["bed", "Bett", "تخت‌خواب", "Yatak", "Кровать"],
  ["wardrobe", "Kleiderschrank", "کمد لباس", "Gardırop", "Платяной шкаф"],
  ["table", "Tisch", "میز", "Masa", "Стол"],
  ["chair", "Stuhl", "صندلی", "Sandalye", "Стул"],
  ["sofa", "Sofa", "مبل", "Kanepe", "Диван"],
  ["shelf", "Regal", "قفسه", "Raf", "Стеллаж"],
  ["kitchen", "Küche", "وسایل آشپزخانه", "Mutfak eşyaları", "Кухонные принадлежности"],
  ["household", "Haushalt", "لوازم خانه", "Ev eşyaları", "Товары для дома"],
  ["bedding", "Bettwäsche und Decken", "ملافه و پتو", "Nevresim ve battaniye", "Постельное бельё и одеяла"],
  ["clothing", "Kleidung", "لباس", "Giyim", "Одежда"],
  ["clothing-women", "Damenkleidung", "لباس زنانه", "Kadın giyimi", "Женская одежда"],
  ["clothing-men", "Herrenkleidung", "لباس مردانه", "Erkek giyimi", "Мужская одежда"],
  ["clothing-children", "Kinderkleidung", "لباس کودک", "Çocuk giyimi", "Детская одежда"],
  ["shoes", "Schuhe", "کفش", "Ayakkabı", "Обувь"],
  ["baby-child", "Baby und Kind", "نوزاد و کودک", "Bebek ve çocuk", "Малыши и дети"],
  ["pram", "Kinderwagen", "کالسکهٔ کودک", "Bebek arabası", "Детская коляска"],
  ["cot", "Kinderbett", "تخت کودک", "Çocuk karyolası", "Детская кроватка"],
  ["high-chair", "Hochstuhl", "صندلی غذاخوری کودک", "Mama sandalyesi", "Стульчик для кормления"],
  ["bicycles", "Fahrräder", "دوچرخه", "Bisiklet", "Велосипеды"],
  ["school", "Schulbedarf", "لوازم مدرسه", "Okul malzemeleri", "Школьные принадлежности"],
  ["electrical", "Elektrogeräte (nur geprüft)", "وسایل برقی (فقط بررسی‌شده)", "Elektrikli cihazlar (yalnızca kontrol edilmiş)", "Электроприборы (только проверенные)"],
];

const SEAL_COLUMNS = LANGS.flatMap((l) => [`title_${l}`, `evidence_${l}`]);

const OFFER_TEXT = "association_offer_text";
const NARROW = ["en", "ar", "uk"];
const WIDE = ["en", "ar", "uk", "fa", "tr", "ru"];
const localeCheck = (locales: string[]) => sql.raw(`locale in (${locales.map((l) => `'${l}'`).join(",")})`);

/** SQLite: `association_offer_text` again, with a check on `locale` that allows `locales`. */
async function rebuildOfferTextSqlite(db: Kysely<any>, locales: string[]) {
  const next = `${OFFER_TEXT}_0060`;
  // Its triggers (and any index) as stored; the primary key's own index has no text and comes with the table.
  const { rows: attached } = await sql<{ sql: string }>`select sql from sqlite_master where type in ('trigger', 'index') and tbl_name = ${OFFER_TEXT} and sql is not null order by type, name`.execute(db);
  await db.schema
    .createTable(next)
    .addColumn("offer_id", "integer", (c) => c.notNull().references("association_offer.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(localeCheck(locales)))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("search_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("association_offer_text_pk", ["offer_id", "locale"])
    .execute();
  await sql.raw(`insert into "${next}" (offer_id, locale, title, description, search_key) select offer_id, locale, title, description, search_key from "${OFFER_TEXT}"`).execute(db);
  // Dropping a table drops its triggers first: the full-text rows are not touched.
  await db.schema.dropTable(OFFER_TEXT).execute();
  await sql.raw(`alter table "${next}" rename to "${OFFER_TEXT}"`).execute(db);
  for (const { sql: statement } of attached) await sql.raw(statement).execute(db);
}

async function setOfferTextLocales(db: Kysely<any>, engine: Engine, locales: string[]) {
  if (engine === "postgres") {
    const { rows } = await sql<{ name: string }>`
      select conname as name from pg_constraint
      where conrelid = 'public.association_offer_text'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%locale%'`.execute(db);
    for (const { name } of rows) await sql`alter table ${sql.table(OFFER_TEXT)} drop constraint ${sql.id(name)}`.execute(db);
    await sql`alter table ${sql.table(OFFER_TEXT)} add constraint association_offer_text_locale_check check (${localeCheck(locales)})`.execute(db);
    return;
  }
  if (db.isTransaction) await rebuildOfferTextSqlite(db, locales);
  else await db.transaction().execute((trx) => rebuildOfferTextSqlite(trx, locales));
}

export function migration(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const l of LANGS) await db.schema.alterTable("donation_category").addColumn(`name_${l}`, "text", (c) => c.notNull().defaultTo("")).execute();
      for (const [slug, german, fa, tr, ru] of CATEGORY_NAMES) {
        await db.updateTable("donation_category").set({ name_fa: fa, name_tr: tr, name_ru: ru }).where("slug", "=", slug).where("name_de", "=", german).execute();
      }

      for (const column of SEAL_COLUMNS) await db.schema.alterTable("seal_criterion").addColumn(column, "text").execute();

      await setOfferTextLocales(db, engine, WIDE);
    },

    async down(db: Kysely<any>): Promise<void> {
      // Texts in the languages the narrower check refuses go first (their full-text rows with them).
      await db.deleteFrom(OFFER_TEXT).where("locale", "not in", NARROW).execute();
      await setOfferTextLocales(db, engine, NARROW);
      for (const column of [...SEAL_COLUMNS].reverse()) await db.schema.alterTable("seal_criterion").dropColumn(column).execute();
      for (const l of [...LANGS].reverse()) await db.schema.alterTable("donation_category").dropColumn(`name_${l}`).execute();
    },
  };
}
