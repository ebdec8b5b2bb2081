import { type Kysely, sql } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("district")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("field_of_action")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("language")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name_native", "text", (c) => c.notNull())
    .addColumn("name_de", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(100))
    .execute();

  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("email_verified_at", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("de"))
    .addColumn("disabled_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_role")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('volunteer','association_member','coordinator','admin')`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_role_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("email_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) =>
      c.notNull().check(sql`purpose in ('verify_email','reset_password','change_email')`),
    )
    .addColumn("new_email", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("email_token_user_idx").on("email_token").columns(["user_id", "purpose"]).execute();

  await db.schema
    .createTable("login_attempt")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempt_email_idx").on("login_attempt").columns(["email", "created_at"]).execute();
  await db.schema.createIndex("login_attempt_ip_idx").on("login_attempt").columns(["ip", "created_at"]).execute();

  await db.schema
    .createTable("organisation")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("legal_form", "text", (c) =>
      c.notNull().check(sql`legal_form in ('city','registered_association','initiative','other')`),
    )
    .addColumn("contact_name", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("street", "text")
    .addColumn("postal_code", "text")
    .addColumn("town", "text")
    .addColumn("website", "text")
    .addColumn("insurer", "text")
    .addColumn("policy_number", "text")
    .addColumn("policy_valid_until", "text")
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisation_name_idx").on("organisation").column("name").execute();

  await db.schema
    .createTable("organisation_member")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_member_pk", ["user_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending','sent','failed')`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("actor_user_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("details", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity", "entity_id"]).execute();

  await db.schema
    .createTable("job_run")
    .addColumn("job", "text", (c) => c.notNull())
    .addColumn("run_key", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addPrimaryKeyConstraint("job_run_pk", ["job", "run_key"])
    .execute();

  // Master data of the model town. Another town edits these rows (they are data, not code).
  const districts = ["Alt-Willich", "Schiefbahn", "Anrath", "Neersen"];
  await db
    .insertInto("district")
    .values(
      districts.map((name, i) => ({
        slug: name.toLowerCase().replace(/[^a-z]+/g, "-"),
        name,
        sort_order: i + 1,
      })),
    )
    .execute();

  const fields: Array<[string, string]> = [
    ["culture-education", "Kultur und Bildung"],
    ["women-equality", "Frauen und Gleichberechtigung"],
    ["childcare-language", "Kinderbetreuung/Sprache"],
    ["equal-opportunities", "Chancengleichheit"],
    ["livelihood-work", "Existenzsicherung/Arbeit"],
    ["health", "Gesundheit"],
    ["housing-care-integration", "Wohnen, Betreuung, Integration"],
    ["volunteering", "Ehrenamt"],
  ];
  await db
    .insertInto("field_of_action")
    .values(fields.map(([slug, name], i) => ({ slug, name, sort_order: i + 1 })))
    .execute();

  // ISO 639-1 codes with native names; the languages most asked for come first.
  const languages: Array<[string, string, string]> = [
    ["de", "Deutsch", "Deutsch"],
    ["en", "English", "Englisch"],
    ["ar", "العربية", "Arabisch"],
    ["uk", "Українська", "Ukrainisch"],
    ["ru", "Русский", "Russisch"],
    ["fa", "فارسی", "Persisch (Farsi/Dari)"],
    ["ps", "پښتو", "Paschtu"],
    ["ku", "Kurdî", "Kurdisch"],
    ["tr", "Türkçe", "Türkisch"],
    ["ti", "ትግርኛ", "Tigrinya"],
    ["so", "Soomaali", "Somali"],
    ["fr", "Français", "Französisch"],
    ["am", "አማርኛ", "Amharisch"],
    ["ur", "اردو", "Urdu"],
    ["hi", "हिन्दी", "Hindi"],
    ["bn", "বাংলা", "Bengalisch"],
    ["sq", "Shqip", "Albanisch"],
    ["sr", "Српски", "Serbisch"],
    ["hr", "Hrvatski", "Kroatisch"],
    ["bs", "Bosanski", "Bosnisch"],
    ["mk", "Македонски", "Mazedonisch"],
    ["ro", "Română", "Rumänisch"],
    ["bg", "Български", "Bulgarisch"],
    ["pl", "Polski", "Polnisch"],
    ["cs", "Čeština", "Tschechisch"],
    ["sk", "Slovenčina", "Slowakisch"],
    ["hu", "Magyar", "Ungarisch"],
    ["el", "Ελληνικά", "Griechisch"],
    ["it", "Italiano", "Italienisch"],
    ["es", "Español", "Spanisch"],
    ["pt", "Português", "Portugiesisch"],
    ["nl", "Nederlands", "Niederländisch"],
    ["ka", "ქართული", "Georgisch"],
    ["hy", "Հայերեն", "Armenisch"],
    ["az", "Azərbaycan dili", "Aserbaidschanisch"],
    ["be", "Беларуская", "Belarussisch"],
    ["uz", "Oʻzbekcha", "Usbekisch"],
    ["tg", "Тоҷикӣ", "Tadschikisch"],
    ["he", "עברית", "Hebräisch"],
    ["sw", "Kiswahili", "Swahili"],
    ["ha", "Hausa", "Hausa"],
    ["yo", "Yorùbá", "Yoruba"],
    ["ig", "Igbo", "Igbo"],
    ["ln", "Lingála", "Lingala"],
    ["om", "Oromoo", "Oromo"],
    ["zh", "中文", "Chinesisch"],
    ["vi", "Tiếng Việt", "Vietnamesisch"],
    ["ta", "தமிழ்", "Tamil"],
    ["pa", "ਪੰਜਾਬੀ", "Panjabi"],
    ["ne", "नेपाली", "Nepali"],
    ["sv", "Svenska", "Schwedisch"],
    ["da", "Dansk", "Dänisch"],
  ];
  const seen = new Set<string>();
  const rows = languages
    .filter(([code]) => (seen.has(code) ? false : (seen.add(code), true)))
    .map(([code, name_native, name_de], i) => ({ code, name_native, name_de, sort_order: i + 1 }));
  await db.insertInto("language").values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "job_run",
    "audit_log",
    "outbox",
    "organisation_member",
    "organisation",
    "login_attempt",
    "email_token",
    "session",
    "user_role",
    "user",
    "language",
    "field_of_action",
    "district",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
