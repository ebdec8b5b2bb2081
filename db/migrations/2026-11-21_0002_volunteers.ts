import { type Kysely, sql } from "kysely";

// Frozen in time: no imports from the app, Kysely<any> only. Never edit after it landed.
// Volunteers: profile (1:1 with user), languages, skills, fields of action, availability,
// status history, versioned consent texts and consent records, sent reminders.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("volunteer_profile")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("phone", "text")
    .addColumn("district_id", "integer", (c) => c.references("district.id"))
    .addColumn("has_car", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("gender", "text", (c) => c.check(sql`gender in ('female','male','diverse')`))
    .addColumn("birth_year", "integer")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('registered','intake_scheduled','active','paused','left')`),
    )
    .addColumn("status_changed_at", "text", (c) => c.notNull())
    .addColumn("intake_on", "text")
    .addColumn("intake_notes", "text")
    .addColumn("erased_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("volunteer_profile_status_idx").on("volunteer_profile").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("volunteer_profile_district_idx").on("volunteer_profile").columns(["district_id", "status"]).execute();

  await db.schema
    .createTable("volunteer_language")
    .addColumn("user_id", "text", (c) => c.notNull().references("volunteer_profile.user_id").onDelete("cascade"))
    .addColumn("language_code", "text", (c) => c.notNull().references("language.code"))
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('A1','A2','B1','B2','C1','C2','native')`))
    .addPrimaryKeyConstraint("volunteer_language_pk", ["user_id", "language_code"])
    .execute();
  await db.schema.createIndex("volunteer_language_code_idx").on("volunteer_language").columns(["language_code", "user_id"]).execute();

  await db.schema
    .createTable("volunteer_skill")
    .addColumn("user_id", "text", (c) => c.notNull().references("volunteer_profile.user_id").onDelete("cascade"))
    .addColumn("skill", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("volunteer_skill_pk", ["user_id", "skill"])
    .execute();
  await db.schema.createIndex("volunteer_skill_skill_idx").on("volunteer_skill").columns(["skill", "user_id"]).execute();

  await db.schema
    .createTable("volunteer_field")
    .addColumn("user_id", "text", (c) => c.notNull().references("volunteer_profile.user_id").onDelete("cascade"))
    .addColumn("field_id", "integer", (c) => c.notNull().references("field_of_action.id"))
    .addPrimaryKeyConstraint("volunteer_field_pk", ["user_id", "field_id"])
    .execute();
  await db.schema.createIndex("volunteer_field_field_idx").on("volunteer_field").columns(["field_id", "user_id"]).execute();

  await db.schema
    .createTable("volunteer_availability")
    .addColumn("user_id", "text", (c) => c.notNull().references("volunteer_profile.user_id").onDelete("cascade"))
    .addColumn("weekday", "integer", (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn("slot", "text", (c) => c.notNull().check(sql`slot in ('morning','afternoon','evening')`))
    .addPrimaryKeyConstraint("volunteer_availability_pk", ["user_id", "weekday", "slot"])
    .execute();

  await db.schema
    .createTable("volunteer_status_history")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "text", (c) => c.notNull().references("volunteer_profile.user_id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("changed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("volunteer_status_history_user_idx").on("volunteer_status_history").columns(["user_id", "id"]).execute();

  await db.schema
    .createTable("consent_text")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addUniqueConstraint("consent_text_uq", ["purpose", "version", "locale"])
    .execute();

  await db.schema
    .createTable("consent_record")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("consent_text_id", "integer", (c) => c.notNull().references("consent_text.id"))
    .addColumn("given_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .execute();
  await db.schema.createIndex("consent_record_user_idx").on("consent_record").columns(["user_id", "purpose"]).execute();

  await db.schema
    .createTable("volunteer_reminder")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("occasion", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("volunteer_reminder_pk", ["kind", "user_id", "occasion"])
    .execute();

  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_user_id", "created_at"]).execute();
  await db.schema.createIndex("user_name_idx").on("user").column("name").execute();

  const published = "2026-11-21T00:00:00.000Z";
  const texts: Array<[string, string, string, string]> = [
    ["volunteer-data", "de", "Einwilligung in die Verarbeitung meiner Daten",
      "Ich willige ein, dass die Koordinierungsstelle Ehrenamt der Stadt Willich meine Angaben (Name, Kontakt, Stadtteil, Sprachen, Fähigkeiten, Interessen, Verfügbarkeit und die freiwilligen Angaben) speichert und nutzt, um mich zu beraten, mir Einsätze vorzuschlagen und meinen Versicherungsschutz nachzuweisen. Nur die Koordinierungsstelle sieht alle Angaben; Vereine sehen sie nur, wenn ich für sie tätig bin. Ich kann diese Einwilligung jederzeit mit einem Klick unter „Mein Bereich“ widerrufen; die Rechtmäßigkeit der bisherigen Verarbeitung bleibt davon unberührt. Ich kann Auskunft über alle Daten und ihre Löschung verlangen."],
    ["volunteer-data", "en", "Consent to the processing of my data",
      "I consent to the volunteer coordination office of the town of Willich storing and using my details (name, contact, district, languages, skills, interests, availability and the optional details) to advise me, propose assignments and prove my insurance cover. Only the office sees all details; associations see them only when I work for them. I can withdraw this consent at any time with one click under “My area”; processing up to then remains lawful. I can ask for a copy of all my data and for its erasure."],
    ["volunteer-data", "ar", "الموافقة على معالجة بياناتي",
      "أوافق على أن يحفظ مكتب تنسيق العمل التطوعي في مدينة فيليش بياناتي (الاسم، وسائل الاتصال، الحي، اللغات، المهارات، الاهتمامات، أوقات التفرغ والبيانات الاختيارية) ويستخدمها لتقديم المشورة لي واقتراح مهام علي وإثبات تغطيتي التأمينية. مكتب التنسيق وحده يرى جميع البيانات؛ ولا تراها الجمعيات إلا إذا عملت لديها. يمكنني سحب هذه الموافقة في أي وقت بنقرة واحدة في „صفحتي“؛ وتبقى المعالجة السابقة مشروعة. يحق لي طلب الاطلاع على جميع بياناتي وحذفها."],
    ["volunteer-data", "uk", "Згода на обробку моїх даних",
      "Я погоджуюся, що координаційний офіс волонтерства міста Вілліх зберігає та використовує мої дані (ім’я, контакти, район, мови, навички, інтереси, доступний час і добровільні відомості), щоб консультувати мене, пропонувати завдання та підтверджувати моє страхове покриття. Усі дані бачить лише координаційний офіс; об’єднання бачать їх лише тоді, коли я працюю для них. Я можу будь-коли відкликати цю згоду одним натисканням у розділі «Мій кабінет»; попередня обробка залишається законною. Я можу вимагати копію всіх своїх даних та їх видалення."],
    ["confidentiality", "de", "Verschwiegenheitserklärung",
      "Ich verpflichte mich, über alles, was ich im Ehrenamt über geflüchtete Menschen und ihre persönlichen Verhältnisse erfahre (insbesondere Herkunft, Religion, Gesundheit, Aufenthaltsstatus und Familie), Stillschweigen zu bewahren – auch nach dem Ende meines Engagements. Ich gebe keine Daten, Fotos oder Dokumente an Dritte weiter und bespreche Fälle nur anonymisiert. Fotos mache oder teile ich nur mit schriftlicher Einwilligung der abgebildeten Personen."],
    ["confidentiality", "en", "Confidentiality declaration",
      "I undertake to keep confidential everything I learn as a volunteer about refugees and their personal circumstances (in particular origin, religion, health, residence status and family), also after my engagement ends. I do not pass on data, photos or documents to third parties and discuss cases only anonymised. I take or share photos only with the written consent of the people shown."],
    ["confidentiality", "ar", "إقرار بالالتزام بالسرية",
      "ألتزم بالحفاظ على سرية كل ما أعرفه أثناء عملي التطوعي عن اللاجئين وظروفهم الشخصية (ولا سيما الأصل والدين والصحة ووضع الإقامة والأسرة)، حتى بعد انتهاء عملي التطوعي. لا أنقل أي بيانات أو صور أو وثائق إلى أطراف ثالثة، ولا أناقش الحالات إلا دون ذكر الأسماء. لا ألتقط الصور ولا أشاركها إلا بموافقة خطية من الأشخاص الظاهرين فيها."],
    ["confidentiality", "uk", "Зобов’язання про конфіденційність",
      "Я зобов’язуюся зберігати в таємниці все, що дізнаюся під час волонтерства про біженців та їхні особисті обставини (зокрема походження, релігію, здоров’я, статус перебування та родину), також після завершення моєї діяльності. Я не передаю дані, фото чи документи третім особам і обговорюю випадки лише анонімно. Я фотографую або поширюю фото лише за письмовою згодою зображених людей."],
  ];
  await db
    .insertInto("consent_text")
    .values(texts.map(([purpose, locale, title, body]) => ({ purpose, version: 1, locale, title, body, published_at: published })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("user_name_idx").ifExists().execute();
  await db.schema.dropIndex("audit_log_actor_idx").ifExists().execute();
  for (const t of [
    "volunteer_reminder",
    "consent_record",
    "consent_text",
    "volunteer_status_history",
    "volunteer_availability",
    "volunteer_field",
    "volunteer_skill",
    "volunteer_language",
    "volunteer_profile",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
