import { type Kysely, sql } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Material donations: households (shared later by sponsorships) with consent per purpose,
// the category tree, neighbouring districts, needs with history, offers with photos,
// matches (reservations) and transport requests to volunteers.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("district_neighbour")
    .addColumn("district_id", "integer", (c) => c.notNull().references("district.id"))
    .addColumn("neighbour_id", "integer", (c) => c.notNull().references("district.id"))
    .addPrimaryKeyConstraint("district_neighbour_pk", ["district_id", "neighbour_id"])
    .execute();

  // Only what the help needs: no religion, ethnicity, health or residence status.
  await db.schema
    .createTable("household")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_email", "text")
    .addColumn("street", "text")
    .addColumn("district_id", "integer", (c) => c.references("district.id"))
    .addColumn("adults", "integer", (c) => c.notNull().defaultTo(1).check(sql`adults between 0 and 20`))
    .addColumn("notes", "text")
    .addColumn("erased_at", "text")
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("household_district_idx").on("household").columns(["district_id", "erased_at"]).execute();

  await db.schema
    .createTable("household_language")
    .addColumn("household_id", "integer", (c) => c.notNull().references("household.id").onDelete("cascade"))
    .addColumn("language_code", "text", (c) => c.notNull().references("language.code"))
    .addPrimaryKeyConstraint("household_language_pk", ["household_id", "language_code"])
    .execute();

  await db.schema
    .createTable("household_child")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("household_id", "integer", (c) => c.notNull().references("household.id").onDelete("cascade"))
    .addColumn("birth_year", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("household_child_household_idx").on("household_child").column("household_id").execute();

  // Versioned texts of the household consents (own table: consent_text belongs to volunteers' purposes).
  await db.schema
    .createTable("household_consent_text")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('donations','sponsorship','share-contact')`))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addUniqueConstraint("household_consent_text_uq", ["purpose", "version", "locale"])
    .execute();

  await db.schema
    .createTable("household_consent")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("household_id", "integer", (c) => c.notNull().references("household.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('donations','sponsorship','share-contact')`))
    .addColumn("consent_text_id", "integer", (c) => c.notNull().references("household_consent_text.id"))
    .addColumn("language_shown", "text", (c) => c.notNull())
    .addColumn("volunteer_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("given_on", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("household_consent_household_idx").on("household_consent").columns(["household_id", "purpose"]).execute();

  await db.schema
    .createTable("donation_category")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("parent_id", "integer", (c) => c.references("donation_category.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_de", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("name_ar", "text", (c) => c.notNull())
    .addColumn("name_uk", "text", (c) => c.notNull())
    .addColumn("size_kind", "text", (c) => c.notNull().defaultTo("none").check(sql`size_kind in ('none','clothing','shoes','bicycle')`))
    .addColumn("seasonal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("tested_only", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("donation_need")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("household_id", "integer", (c) => c.notNull().references("household.id"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("donation_category.id"))
    .addColumn("size", "text")
    .addColumn("season", "text", (c) => c.check(sql`season in ('summer','winter','all')`))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity between 1 and 99`))
    .addColumn("urgency", "text", (c) => c.notNull().check(sql`urgency in ('normal','urgent')`))
    .addColumn("note", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','matched','fulfilled','cancelled')`))
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("fulfilled_at", "text")
    .execute();
  await db.schema.createIndex("donation_need_status_idx").on("donation_need").columns(["status", "category_id"]).execute();
  await db.schema.createIndex("donation_need_household_idx").on("donation_need").columns(["household_id", "status"]).execute();

  await db.schema
    .createTable("donation_need_history")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("need_id", "integer", (c) => c.notNull().references("donation_need.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("donation_need_history_need_idx").on("donation_need_history").columns(["need_id", "id"]).execute();

  await db.schema
    .createTable("donation_offer")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("donor_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("donor_name", "text")
    .addColumn("donor_email", "text")
    .addColumn("donor_phone", "text")
    .addColumn("donor_locale", "text", (c) => c.notNull().defaultTo("de"))
    .addColumn("category_id", "integer", (c) => c.notNull().references("donation_category.id"))
    .addColumn("size", "text")
    .addColumn("season", "text", (c) => c.check(sql`season in ('summer','winter','all')`))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity between 1 and 99`))
    .addColumn("quantity_reserved", "integer", (c) => c.notNull().defaultTo(0).check(sql`quantity_reserved >= 0`))
    .addColumn("condition", "text", (c) => c.notNull().check(sql`condition in ('new','good','used')`))
    .addColumn("description", "text")
    .addColumn("pickup_district_id", "integer", (c) => c.references("district.id"))
    .addColumn("pickup_street", "text")
    .addColumn("available_until", "text", (c) => c.notNull())
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('donor_brings','needs_pickup')`))
    .addColumn("manage_token_hash", "text", (c) => c.unique())
    .addColumn("confirmed_at", "text")
    .addColumn("review_state", "text", (c) => c.notNull().check(sql`review_state in ('unconfirmed','pending','accepted','declined')`))
    .addColumn("review_reason", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("reviewed_at", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','closed','withdrawn','expired')`))
    .addColumn("expiry_notice_sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("donation_offer_reserved_ck", sql`quantity_reserved <= quantity`)
    .execute();
  await db.schema.createIndex("donation_offer_status_idx").on("donation_offer").columns(["status", "review_state", "category_id"]).execute();
  await db.schema.createIndex("donation_offer_review_idx").on("donation_offer").columns(["status", "review_state", "created_at"]).execute();
  await db.schema.createIndex("donation_offer_until_idx").on("donation_offer").columns(["status", "available_until"]).execute();

  await db.schema
    .createTable("donation_offer_photo")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("offer_id", "integer", (c) => c.notNull().references("donation_offer.id").onDelete("cascade"))
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("data", "blob", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("donation_offer_photo_offer_idx").on("donation_offer_photo").column("offer_id").execute();

  await db.schema
    .createTable("donation_match")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("offer_id", "integer", (c) => c.notNull().references("donation_offer.id"))
    .addColumn("need_id", "integer", (c) => c.notNull().references("donation_need.id"))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity >= 1`))
    .addColumn("handover_mode", "text", (c) => c.check(sql`handover_mode in ('donor','office','transport')`))
    .addColumn("handover_on", "text")
    .addColumn("time_from", "text")
    .addColumn("time_to", "text")
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('reserved','handed_over','failed')`))
    .addColumn("outcome_reason", "text")
    .addColumn("outcome_at", "text")
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("donation_match_offer_idx").on("donation_match").columns(["offer_id", "state"]).execute();
  await db.schema.createIndex("donation_match_need_idx").on("donation_match").columns(["need_id", "state"]).execute();

  await db.schema
    .createTable("donation_transport")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("match_id", "integer", (c) => c.notNull().references("donation_match.id").onDelete("cascade"))
    .addColumn("volunteer_user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('asked','accepted','declined','withdrawn')`))
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addColumn("decline_reason", "text")
    .execute();
  await db.schema.createIndex("donation_transport_volunteer_idx").on("donation_transport").columns(["volunteer_user_id", "state"]).execute();
  await db.schema.createIndex("donation_transport_match_idx").on("donation_transport").column("match_id").execute();

  await seed(db);
}

async function seed(db: Kysely<any>) {
  const districts = await db.selectFrom("district").select(["id", "name"]).execute();
  const id = (name: string) => districts.find((d: { name: string }) => d.name === name)?.id as number | undefined;
  const pairs: Array<[string, string]> = [
    ["Alt-Willich", "Schiefbahn"],
    ["Alt-Willich", "Anrath"],
    ["Alt-Willich", "Neersen"],
    ["Anrath", "Neersen"],
    ["Schiefbahn", "Neersen"],
  ];
  const rows = pairs.flatMap(([a, b]) => {
    const [x, y] = [id(a), id(b)];
    return x && y ? [{ district_id: x, neighbour_id: y }, { district_id: y, neighbour_id: x }] : [];
  });
  if (rows.length) await db.insertInto("district_neighbour").values(rows).execute();

  // [slug, parent, de, en, ar, uk, size_kind, seasonal, tested_only]
  type Row = [string, string | null, string, string, string, string, string?, number?, number?];
  const cats: Row[] = [
    ["furniture", null, "Möbel", "Furniture", "أثاث", "Меблі"],
    ["bed", "furniture", "Bett", "Bed", "سرير", "Ліжко"],
    ["wardrobe", "furniture", "Kleiderschrank", "Wardrobe", "خزانة ملابس", "Шафа"],
    ["table", "furniture", "Tisch", "Table", "طاولة", "Стіл"],
    ["chair", "furniture", "Stuhl", "Chair", "كرسي", "Стілець"],
    ["sofa", "furniture", "Sofa", "Sofa", "كنبة", "Диван"],
    ["shelf", "furniture", "Regal", "Shelf", "رف", "Полиця"],
    ["kitchen", null, "Küche", "Kitchen", "مطبخ", "Кухня"],
    ["household", null, "Haushalt", "Household goods", "أدوات منزلية", "Господарство"],
    ["bedding", null, "Bettwäsche und Decken", "Bedding", "مفارش وأغطية", "Постільна білизна"],
    ["clothing", null, "Kleidung", "Clothing", "ملابس", "Одяг", "clothing", 1],
    ["clothing-women", "clothing", "Damenkleidung", "Women's clothing", "ملابس نسائية", "Жіночий одяг", "clothing", 1],
    ["clothing-men", "clothing", "Herrenkleidung", "Men's clothing", "ملابس رجالية", "Чоловічий одяг", "clothing", 1],
    ["clothing-children", "clothing", "Kinderkleidung", "Children's clothing", "ملابس أطفال", "Дитячий одяг", "clothing", 1],
    ["shoes", null, "Schuhe", "Shoes", "أحذية", "Взуття", "shoes"],
    ["baby-child", null, "Baby und Kind", "Baby and child", "الرضع والأطفال", "Немовлята й діти"],
    ["pram", "baby-child", "Kinderwagen", "Pram", "عربة أطفال", "Дитячий візок"],
    ["cot", "baby-child", "Kinderbett", "Cot", "سرير أطفال", "Дитяче ліжечко"],
    ["high-chair", "baby-child", "Hochstuhl", "High chair", "كرسي أطفال عالٍ", "Стільчик для годування"],
    ["bicycles", null, "Fahrräder", "Bicycles", "دراجات هوائية", "Велосипеди", "bicycle"],
    ["school", null, "Schulbedarf", "School supplies", "لوازم مدرسية", "Шкільне приладдя"],
    ["electrical", null, "Elektrogeräte (nur geprüft)", "Electrical appliances (tested only)", "أجهزة كهربائية (مفحوصة فقط)", "Електроприлади (лише перевірені)", "none", 0, 1],
  ];
  const slugToId = new Map<string, number>();
  let order = 0;
  for (const [slug, parent, de, en, ar, uk, sizeKind = "none", seasonal = 0, testedOnly = 0] of cats) {
    const row = await db
      .insertInto("donation_category")
      .values({
        parent_id: parent ? slugToId.get(parent) : null,
        slug,
        name_de: de,
        name_en: en,
        name_ar: ar,
        name_uk: uk,
        size_kind: sizeKind,
        seasonal,
        tested_only: testedOnly,
        sort_order: order++,
        active: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    slugToId.set(slug, row.id as number);
  }

  const published = "2026-11-21T00:00:00.000Z";
  const texts: Array<[string, string, string, string]> = [
    ["donations", "de", "Einwilligung: Sachspenden", "Ich willige ein, dass die Koordinierungsstelle Ehrenamt der Stadt Willich die Angaben meines Haushalts (Kontakt, Stadtteil, Sprachen, Zahl der Erwachsenen, Geburtsjahre der Kinder, Bedarfe) speichert, um passende Sachspenden zu vermitteln. Spenderinnen, Spender und Öffentlichkeit sehen weder Namen noch Kontakt. Ich kann diese Einwilligung jederzeit widerrufen."],
    ["donations", "en", "Consent: material donations", "I consent to the volunteer coordination office of the town of Willich storing my household's details (contact, district, languages, number of adults, children's years of birth, needs) to arrange suitable donations. Donors and the public see neither names nor contact details. I can withdraw this consent at any time."],
    ["donations", "ar", "موافقة: التبرعات العينية", "أوافق على أن يحفظ مكتب تنسيق العمل التطوعي في مدينة فيليش بيانات أسرتي (وسائل الاتصال، الحي، اللغات، عدد البالغين، سنوات ميلاد الأطفال، الاحتياجات) لترتيب تبرعات مناسبة. لا يرى المتبرعون ولا العامة الأسماء أو وسائل الاتصال. يمكنني سحب هذه الموافقة في أي وقت."],
    ["donations", "uk", "Згода: речові пожертви", "Я погоджуюся, що координаційний офіс волонтерства міста Вілліх зберігає дані мого домогосподарства (контакти, район, мови, кількість дорослих, роки народження дітей, потреби), щоб передавати відповідні пожертви. Дарувальники й громадськість не бачать ні імен, ні контактів. Я можу будь-коли відкликати цю згоду."],
    ["sponsorship", "de", "Einwilligung: Patenschaft", "Ich willige ein, dass die Koordinierungsstelle die Angaben meines Haushalts nutzt, um eine Patenschaft zu vermitteln und zu begleiten. Ich kann diese Einwilligung jederzeit widerrufen."],
    ["sponsorship", "en", "Consent: sponsorship", "I consent to the coordination office using my household's details to arrange and accompany a sponsorship. I can withdraw this consent at any time."],
    ["sponsorship", "ar", "موافقة: الرعاية", "أوافق على أن يستخدم مكتب التنسيق بيانات أسرتي لترتيب رعاية ومتابعتها. يمكنني سحب هذه الموافقة في أي وقت."],
    ["sponsorship", "uk", "Згода: шефство", "Я погоджуюся, що координаційний офіс використовує дані мого домогосподарства, щоб організувати та супроводжувати шефство. Я можу будь-коли відкликати цю згоду."],
    ["share-contact", "de", "Einwilligung: Kontakt an eine Ehrenamtliche oder einen Ehrenamtlichen weitergeben", "Ich willige ein, dass die Koordinierungsstelle meinen Namen und meinen Kontakt an die genannte ehrenamtliche Person weitergibt, damit sie mir helfen kann. Ich kann diese Einwilligung jederzeit widerrufen."],
    ["share-contact", "en", "Consent: share my contact with a volunteer", "I consent to the coordination office passing my name and contact to the named volunteer so that they can help me. I can withdraw this consent at any time."],
    ["share-contact", "ar", "موافقة: مشاركة بيانات الاتصال مع متطوع", "أوافق على أن يعطي مكتب التنسيق اسمي ووسائل الاتصال بي للشخص المتطوع المذكور ليتمكن من مساعدتي. يمكنني سحب هذه الموافقة في أي وقت."],
    ["share-contact", "uk", "Згода: передати мій контакт волонтерові", "Я погоджуюся, що координаційний офіс передає моє ім’я та контакт названій волонтерці чи волонтерові, щоб вони могли мені допомогти. Я можу будь-коли відкликати цю згоду."],
  ];
  await db
    .insertInto("household_consent_text")
    .values(texts.map(([purpose, locale, title, body]) => ({ purpose, version: 1, locale, title, body, published_at: published })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("consent_text").where("purpose", "in", ["donations", "household-sponsorship", "household-share-contact"]).execute();
  for (const t of [
    "donation_transport",
    "donation_match",
    "donation_offer_photo",
    "donation_offer",
    "donation_need_history",
    "donation_need",
    "donation_category",
    "household_consent",
    "household_consent_text",
    "household_child",
    "household_language",
    "household",
    "district_neighbour",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
