import type { Kysely } from "kysely";
import type { DB, SealApplicationStatus, SealCriterionKind } from "../../db/schema";

/**
 * Seal records for tests and the demo seed (issue #15): a published catalogue, applications with
 * answers, jurors with assignments and scores, awards. Fictitious; direct inserts, so a test can
 * start from any step of the process.
 */

/** Titles: de, en, ar, uk and optionally fa, tr, ru (migration 0060); evidence: de, en. */
type Criterion = { code: string; kind: SealCriterionKind; weight: number; title: [string, string, string, string, string?, string?, string?]; evidence: [string, string] };

/** The demo catalogue: the criteria the Willich concept and the existing seals share. */
export const DEMO_CRITERIA: Criterion[] = [
  { code: "niedrigschwellig", kind: "mandatory", weight: 2, title: ["Niedrigschwellige Angebote (ermäßigte Beiträge)", "Low-threshold offers (reduced fees)", "عروض سهلة الوصول (رسوم مخفضة)", "Доступні пропозиції (знижені внески)", "برنامه‌های آسان‌دسترس (حق عضویت با تخفیف)", "Kolay erişilebilir etkinlikler (indirimli aidatlar)", "Доступные предложения (сниженные взносы)"], evidence: ["Beitragsordnung mit Ermäßigung, Beispiele", "Fee schedule with reductions, examples"] },
  { code: "ansprechperson", kind: "mandatory", weight: 2, title: ["Benannte Ansprechperson für Integration", "A named integration contact", "شخص اتصال معيّن للاندماج", "Призначена контактна особа з інтеграції", "یک فرد تماس مشخص برای ادغام", "Entegrasyon için belirlenmiş bir irtibat kişisi", "Назначенное контактное лицо по интеграции"], evidence: ["Name der Funktion, Erreichbarkeit", "The role's name, how to reach it"] },
  { code: "vorstand", kind: "mandatory", weight: 2, title: ["Integration im Vorstand verankert", "Integration anchored on the board", "الاندماج راسخ في مجلس الإدارة", "Інтеграція закріплена в правлінні", "ادغام در هیئت‌مدیره تثبیت شده است", "Entegrasyon yönetim kurulunda yerleşik", "Интеграция закреплена в правлении"], evidence: ["Vorstandsbeschluss oder Satzungsauszug", "Board resolution or statute excerpt"] },
  { code: "ueber-kern", kind: "elective", weight: 1, title: ["Angebote über die Kernaktivität hinaus", "Offers beyond the core activity", "عروض تتجاوز النشاط الأساسي", "Пропозиції поза основною діяльністю", "برنامه‌هایی فراتر از فعالیت اصلی", "Temel faaliyetin ötesinde etkinlikler", "Предложения помимо основной деятельности"], evidence: ["Beschreibung der Angebote", "Description of the offers"] },
  { code: "mitbestimmung", kind: "elective", weight: 1, title: ["Neuzugewanderte an Entscheidungen beteiligt", "Newcomers involved in decisions", "إشراك القادمين الجدد في القرارات", "Новоприбулі беруть участь у рішеннях", "مشارکت تازه‌واردان در تصمیم‌گیری‌ها", "Yeni gelenler kararlara katılıyor", "Недавно прибывшие участвуют в принятии решений"], evidence: ["Beispiele aus dem letzten Jahr", "Examples from the last year"] },
  { code: "engagement", kind: "elective", weight: 1, title: ["Zum Ehrenamt ermutigt", "Encouraged to volunteer", "التشجيع على التطوع", "Заохочення до волонтерства", "تشویق به کار داوطلبانه", "Gönüllülüğe teşvik", "Поощрение к волонтёрству"], evidence: ["Wie und mit welchem Ergebnis", "How, and with what result"] },
  { code: "fortbildung", kind: "elective", weight: 1, title: ["Interkulturelle Fortbildung", "Intercultural training", "تدريب بين الثقافات", "Міжкультурне навчання", "آموزش میان‌فرهنگی", "Kültürlerarası eğitim", "Межкультурное обучение"], evidence: ["Teilnahmebescheinigungen", "Certificates of attendance"] },
  { code: "vernetzung", kind: "elective", weight: 1, title: ["Vernetzung vor Ort", "Local networking", "التواصل المحلي", "Місцева співпраця", "شبکه‌سازی محلی", "Yerel ağ oluşturma", "Сотрудничество на местах"], evidence: ["Partner und gemeinsame Aktionen", "Partners and joint activities"] },
  { code: "oeffentlichkeit", kind: "elective", weight: 1, title: ["Öffentlichkeitsarbeit (auch mehrsprachig)", "Public relations (also multilingual)", "العلاقات العامة (بعدة لغات أيضاً)", "Зв'язки з громадськістю (також багатомовні)", "روابط عمومی (از جمله به چند زبان)", "Halkla ilişkiler (çok dilli de)", "Работа с общественностью (в том числе на нескольких языках)"], evidence: ["Flyer, Website, Beiträge", "Flyers, website, posts"] },
  { code: "patenschaft", kind: "elective", weight: 1, title: ["Botschafter- oder Patenprogramm", "Ambassador or sponsorship programme", "برنامج سفراء أو رعاية", "Програма амбасадорів або наставництва", "برنامهٔ سفیران یا حامیان", "Elçi veya mentorluk programı", "Программа послов или наставничества"], evidence: ["Konzept und Zahl der Paare", "Concept and number of pairs"] },
];

export async function createTestCatalogue(db: Kysely<DB>, o: { version?: number; electiveMin?: number; published?: boolean; criteria?: Criterion[] } = {}) {
  const version = o.version ?? 1;
  const now = new Date().toISOString();
  await db.insertInto("seal_catalogue").values({ version, elective_min: o.electiveMin ?? 3, published_at: o.published === false ? null : now, created_at: now }).execute();
  const ids: number[] = [];
  for (const [i, c] of (o.criteria ?? DEMO_CRITERIA).entries()) {
    const { id } = await db
      .insertInto("seal_criterion")
      .values({
        version,
        code: c.code,
        kind: c.kind,
        weight: c.weight,
        sort_order: (i + 1) * 10,
        title_de: c.title[0],
        title_en: c.title[1],
        title_ar: c.title[2],
        title_uk: c.title[3],
        title_fa: c.title[4] ?? null,
        title_tr: c.title[5] ?? null,
        title_ru: c.title[6] ?? null,
        evidence_de: c.evidence[0],
        evidence_en: c.evidence[1],
        evidence_ar: null,
        evidence_uk: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return { version, criterionIds: ids };
}

/** An application in any status; `answered` fills every criterion of its version with a self-assessment. */
export async function createTestApplication(
  db: Kysely<DB>,
  o: { organisationId: number; version?: number; status?: SealApplicationStatus; answered?: boolean; selfScore?: number; submittedBy?: string | null; createdAt?: string },
) {
  const ts = o.createdAt ?? new Date().toISOString();
  const status = o.status ?? "draft";
  const version = o.version ?? 1;
  const { id } = await db
    .insertInto("seal_application")
    .values({
      organisation_id: o.organisationId,
      catalogue_version: version,
      status,
      created_by: o.submittedBy ?? null,
      submitted_by: status === "draft" ? null : (o.submittedBy ?? null),
      submitted_at: status === "draft" ? null : ts,
      office_message: null,
      // A decided application carries its decision (the letter and the council's summary read it).
      decision_reason: status === "awarded" || status === "declined" ? "Begründung der Jury (fiktiv)." : null,
      decided_at: status === "awarded" || status === "declined" ? ts : null,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (o.answered) {
    const criteria = await db.selectFrom("seal_criterion").select("id").where("version", "=", version).execute();
    for (const c of criteria) {
      await db
        .insertInto("seal_answer")
        .values({ application_id: id, criterion_id: c.id, self_score: o.selfScore ?? 3, statement: "Wir machen das seit Jahren (fiktiv).", evidence: "Beispielnachweis", updated_at: ts })
        .execute();
    }
  }
  return { id };
}

export async function createTestJuror(db: Kysely<DB>, userId: string) {
  await db.insertInto("seal_juror").values({ user_id: userId, added_by: null, added_at: new Date().toISOString(), removed_at: null }).execute();
}

/**
 * Assigns a juror; with `review`, they declared no conflict, scored every criterion with
 * `score` and submitted their recommendation.
 */
export async function createTestAssignment(
  db: Kysely<DB>,
  o: { applicationId: number; jurorId: string; conflict?: "none" | "declared" | null; review?: { score: number | ((criterionIndex: number) => number); recommendation: "award" | "decline" } },
) {
  const ts = new Date().toISOString();
  const conflict = o.review ? "none" : (o.conflict ?? null);
  await db
    .insertInto("seal_assignment")
    .values({ application_id: o.applicationId, juror_user_id: o.jurorId, conflict, conflict_note: conflict === "declared" ? "Mitglied im Vorstand (fiktiv)" : null, declared_at: conflict ? ts : null, recommendation: o.review?.recommendation ?? null, submitted_at: o.review ? ts : null, assigned_at: ts })
    .execute();
  if (o.review) {
    const app = await db.selectFrom("seal_application").select("catalogue_version").where("id", "=", o.applicationId).executeTakeFirstOrThrow();
    const criteria = await db.selectFrom("seal_criterion").select("id").where("version", "=", app.catalogue_version).orderBy("sort_order").orderBy("id").execute();
    for (const [i, c] of criteria.entries()) {
      const score = typeof o.review.score === "function" ? o.review.score(i) : o.review.score;
      await db.insertInto("seal_score").values({ application_id: o.applicationId, juror_user_id: o.jurorId, criterion_id: c.id, score, justification: "Gut belegt (fiktiv).", updated_at: ts }).execute();
    }
  }
}

export async function createTestAward(
  db: Kysely<DB>,
  o: { applicationId: number; organisationId: number; code: string; awardedOn: string; validUntil: string; revokedAt?: string | null; revokeReason?: string | null },
) {
  const { id } = await db
    .insertInto("seal_award")
    .values({ application_id: o.applicationId, organisation_id: o.organisationId, code: o.code, awarded_on: o.awardedOn, valid_until: o.validUntil, revoked_at: o.revokedAt ?? null, revoke_reason: o.revokeReason ?? null, renewal_reminded_at: null, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

/** A minimal, valid-looking PDF (header and end marker), for evidence uploads. */
export const TINY_PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");

export async function createTestEvidence(db: Kysely<DB>, o: { applicationId: number; criterionId: number; data?: Buffer }) {
  const data = o.data ?? TINY_PDF;
  const { id } = await db
    .insertInto("seal_evidence")
    .values({ application_id: o.applicationId, criterion_id: o.criterionId, file_name: "nachweis.pdf", mime: "application/pdf", size: data.length, data, created_by: null, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}
