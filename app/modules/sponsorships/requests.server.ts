import { sql, type Kysely } from "kysely";
import type { DB, SponsorshipHelp, SponsorshipRequestStatus } from "@db/schema";
import type { Actor } from "~/auth/permissions";
import { can, requirePermission } from "~/auth/permissions";
import { associationOptions } from "~/modules/associations/lookups.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { markConsentRecorded, newHouseholdCode } from "~/modules/donations/households.server";
import { recordView } from "~/modules/volunteers/access-log.server";
import { berlinDay } from "~/utils/dates";
import { getDb, transaction } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { literalCount, pageWithCachedCount } from "~/utils/paging.server";
import { germanSortKey } from "~/utils/text-keys";
import { closeOpenProposals } from "./proposals.server";
import type { OfficeRequestInput, PublicRequestInput, RequestListStatus } from "./schema";
import { timesToMask } from "./times";
import { closeTasksFor, syncTasks } from "~/modules/tasks/tasks.server";

/**
 * Requests for a sponsor. A request belongs to a household of the donations module (one household
 * record, consent per purpose): the office creates it from an intake talk (or for the county's case
 * management) with the household's consent to "sponsorship" recorded; a request through the public
 * form creates a household of its own with that consent, as the person gave it on the form, and
 * waits as `new` in the office inbox until the office took it up.
 */
const ENTITY = "sponsorship_request";
export const REQUEST_PAGE_SIZE = 25;

async function checkDistrict(trx: Kysely<DB>, districtId: number | undefined) {
  if (districtId === undefined) return;
  const d = await trx.selectFrom("district").select("id").where("id", "=", districtId).where("active", "=", 1).executeTakeFirst();
  if (!d) throw new AppError("errors.invalidChoice", 400, "districtId");
}

async function checkLanguages(trx: Kysely<DB>, languages: string[]) {
  const langs = [...new Set(languages)];
  if (!langs.length) return langs;
  const known = await trx.selectFrom("language").select("code").where("code", "in", langs).execute();
  if (known.length !== langs.length) throw new AppError("errors.invalidChoice", 400, "languages");
  return langs;
}

async function insertRequest(
  trx: Kysely<DB>,
  args: {
    householdId: number;
    firstName: string;
    source: "office" | "public" | "case_management";
    consentId: number | null;
    districtId: number | null;
    times: string[];
    genderWish: "female" | "male" | undefined;
    familyTandem: boolean;
    hasMinors: boolean;
    locale: string;
    note: string | null;
    status: SponsorshipRequestStatus;
    createdBy: string | null;
    languages: string[];
    help: SponsorshipHelp[];
    now: Date;
  },
): Promise<number> {
  const ts = args.now.toISOString();
  const { id } = await trx
    .insertInto("sponsorship_request")
    .values({
      household_id: args.householdId,
      first_name: args.firstName,
      source: args.source,
      consent_id: args.consentId,
      programme_id: null,
      district_id: args.districtId,
      times_mask: timesToMask(args.times),
      sponsor_gender_wish: args.genderWish ?? null,
      family_tandem: args.familyTandem ? 1 : 0,
      has_minors: args.hasMinors ? 1 : 0,
      locale: args.locale,
      note: args.note,
      status: args.status,
      priority: 0,
      close_reason: null,
      requested_at: ts,
      created_by: args.createdBy,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (args.languages.length) await trx.insertInto("sponsorship_request_language").values(args.languages.map((language_code) => ({ request_id: id, language_code }))).execute();
  const help = [...new Set(args.help)];
  if (help.length) await trx.insertInto("sponsorship_request_help").values(help.map((h) => ({ request_id: id, help: h }))).execute();
  await syncTasks(trx, "sponsorship-request", [id], args.now);
  return id;
}

async function consentText(trx: Kysely<DB>, locale: string, field: string) {
  const text = await trx
    .selectFrom("household_consent_text")
    .select("id")
    .where("purpose", "=", "sponsorship")
    .where("locale", "=", locale)
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!text) throw new AppError("errors.invalidChoice", 400, field);
  return text.id;
}

/** The household's consent to "sponsorship" in force, if any. */
export async function sponsorshipConsent(db: Kysely<DB>, householdId: number) {
  return db
    .selectFrom("household_consent")
    .select(["id", "given_on"])
    .where("household_id", "=", householdId)
    .where("purpose", "=", "sponsorship")
    .where("withdrawn_at", "is", null)
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/** A child of the household is under 18 this year. */
async function hasMinorChild(trx: Kysely<DB>, householdId: number, now: Date) {
  const year = Number(berlinDay(now).slice(0, 4));
  const child = await trx.selectFrom("household_child").select("id").where("household_id", "=", householdId).where("birth_year", ">", year - 18).executeTakeFirst();
  return !!child;
}

/**
 * The office creates a request for a household it knows. Without a sponsorship consent in force,
 * the form records it (the day given and the language of the text shown); a family tandem with a
 * child under 18 involves minors (§ 72a: only sponsors with a valid certificate inspection).
 */
export async function createOfficeRequest(actor: Actor, input: OfficeRequestInput, now = new Date()): Promise<number> {
  requirePermission(actor, "manage:sponsorship:any");
  return transaction(async (trx) => {
    const h = await trx.selectFrom("household").select(["id", "district_id"]).where("id", "=", input.householdId).where("erased_at", "is", null).executeTakeFirst();
    if (!h) throw new AppError("errors.invalidChoice", 400, "householdId");
    await checkDistrict(trx, input.districtId);
    const languages = await checkLanguages(trx, input.languages);
    let consentId = (await sponsorshipConsent(trx, h.id))?.id ?? null;
    if (consentId === null) {
      if (!input.consentGivenOn) throw new AppError("sponsorships:errors.consentRequired", 400, "consentGivenOn");
      if (!input.consentLanguage) throw new AppError("errors.required", 400, "consentLanguage");
      if (input.consentGivenOn > berlinDay(now)) throw new AppError("sponsorships:errors.futureDate", 400, "consentGivenOn");
      const textId = await consentText(trx, input.consentLanguage, "consentLanguage");
      const c = await trx
        .insertInto("household_consent")
        .values({
          household_id: h.id,
          purpose: "sponsorship",
          consent_text_id: textId,
          language_shown: input.consentLanguage,
          volunteer_user_id: null,
          given_on: input.consentGivenOn,
          recorded_by: actor.userId,
          recorded_at: now.toISOString(),
          withdrawn_at: null,
          withdrawn_by: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      consentId = c.id;
      await markConsentRecorded(trx, h.id, "sponsorship");
      await recordAudit(trx, { actorUserId: actor.userId, action: "update", entity: "household", entityId: h.id, details: { consent: "sponsorship" }, now });
    }
    const id = await insertRequest(trx, {
      householdId: h.id,
      firstName: input.firstName,
      source: input.source,
      consentId,
      districtId: input.districtId ?? h.district_id,
      times: input.times,
      genderWish: input.genderWish,
      familyTandem: input.familyTandem,
      hasMinors: input.familyTandem && (await hasMinorChild(trx, h.id, now)),
      locale: input.consentLanguage ?? "de",
      note: input.note ?? null,
      status: "open",
      createdBy: actor.userId,
      languages,
      help: input.help,
      now,
    });
    await recordAudit(trx, { actorUserId: actor.userId, action: "create", entity: ENTITY, entityId: id, now });
    return id;
  });
}

/** The public form's choices that only the database knows (district, languages): checked before a form slot is taken. */
export async function checkPublicChoices(input: Pick<PublicRequestInput, "districtId" | "languages">) {
  const db = getDb();
  await checkDistrict(db, input.districtId);
  await checkLanguages(db, input.languages);
}

/**
 * The public form: a household of its own (first name and contact only), the consent as given on
 * the form in the page's language, and the request waiting as `new` for the office.
 */
export async function createPublicRequest(input: PublicRequestInput, locale: string, now = new Date()): Promise<number> {
  return transaction(async (trx) => {
    await checkDistrict(trx, input.districtId);
    const languages = await checkLanguages(trx, input.languages);
    const textId = await consentText(trx, locale, "consent");
    const ts = now.toISOString();
    let code = newHouseholdCode();
    while (await trx.selectFrom("household").select("id").where("code", "=", code).executeTakeFirst()) code = newHouseholdCode();
    const { id: householdId } = await trx
      .insertInto("household")
      .values({
        code,
        contact_name: input.firstName,
        contact_name_key: germanSortKey(input.firstName),
        contact_phone: input.phone ?? null,
        contact_email: input.email ?? null,
        street: null,
        district_id: input.districtId ?? null,
        adults: 1,
        notes: null,
        erased_at: null,
        created_by: null,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (languages.length) await trx.insertInto("household_language").values(languages.map((language_code) => ({ household_id: householdId, language_code }))).execute();
    const consent = await trx
      .insertInto("household_consent")
      .values({
        household_id: householdId,
        purpose: "sponsorship",
        consent_text_id: textId,
        language_shown: locale,
        volunteer_user_id: null,
        given_on: berlinDay(now),
        recorded_by: null,
        recorded_at: ts,
        withdrawn_at: null,
        withdrawn_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const id = await insertRequest(trx, {
      householdId,
      firstName: input.firstName,
      source: "public",
      consentId: consent.id,
      districtId: input.districtId ?? null,
      times: input.times,
      genderWish: input.genderWish,
      familyTandem: input.familyTandem,
      hasMinors: input.familyTandem && input.hasChildren,
      locale,
      note: null,
      status: "new",
      createdBy: null,
      languages,
      help: input.help,
      now,
    });
    await recordAudit(trx, { actorUserId: null, action: "create", entity: ENTITY, entityId: id, details: { source: "public" }, now });
    return id;
  });
}

export type RequestFilters = { status: RequestListStatus; districtId?: number; language?: string; help?: SponsorshipHelp; page: number };

/** The office's list of requests: filtered, counted and paged in SQL; re-matches first, then the oldest. */
export async function listRequests(actor: Actor, f: RequestFilters) {
  requirePermission(actor, "manage:sponsorship:any");
  const db = getDb();
  let q = db.selectFrom("sponsorship_request as r").innerJoin("household as h", "h.id", "r.household_id").where("h.erased_at", "is", null);
  if (f.status === "waiting") q = q.where("r.status", "in", ["new", "open"]);
  else if (f.status !== "all") q = q.where("r.status", "=", f.status);
  if (f.districtId) q = q.where("r.district_id", "=", f.districtId);
  if (f.language) {
    const language = f.language;
    q = q.where("r.id", "in", (eb) => eb.selectFrom("sponsorship_request_language").select("request_id").where("language_code", "=", language));
  }
  if (f.help) {
    const help = f.help;
    q = q.where("r.id", "in", (eb) => eb.selectFrom("sponsorship_request_help").select("request_id").where("help", "=", help));
  }
  const countOf = () => q.select((eb) => eb.fn.countAll<number>().as("total"));
  const pageRows = (page: number) =>
    q
      .leftJoin("district as d", "d.id", "r.district_id")
      .select((eb) => [
        "r.id",
        "r.first_name as firstName",
        "h.code as householdCode",
        "d.name as district",
        "r.status",
        "r.priority",
        "r.source",
        "r.family_tandem as familyTandem",
        "r.has_minors as hasMinors",
        "r.requested_at as requestedAt",
        eb
          .selectFrom("sponsorship_proposal as p")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("p.request_id", "=", "r.id")
          .where("p.status", "in", ["proposed", "accepted"])
          .as("openProposals"),
      ])
      .orderBy("r.priority", "desc")
      .orderBy("r.requested_at")
      .orderBy("r.id")
      .limit(literalCount(REQUEST_PAGE_SIZE))
      .offset(literalCount((page - 1) * REQUEST_PAGE_SIZE));
  // The total kept per filter while no request, its languages and help, or household changed (ADR 0054).
  const { rows, total, page } = await pageWithCachedCount(f.page, REQUEST_PAGE_SIZE, {
    key: JSON.stringify(["sponsorship-requests", f.status, f.districtId ?? 0, f.language ?? "", f.help ?? ""]),
    scopes: ["sponsorships", "donations"],
    count: async () => (await countOf().executeTakeFirstOrThrow()).total,
    page: (p) => pageRows(p).execute(),
    clamp: true,
  });
  const ids = rows.map((r) => r.id);
  // The page's languages and kinds of help in one query.
  const tags = ids.length
    ? await db
        .selectFrom("sponsorship_request_language")
        .select(["request_id", "language_code as value", sql.lit("language").as("kind")])
        .where("request_id", "in", ids)
        .unionAll(db.selectFrom("sponsorship_request_help").select(["request_id", "help as value", sql.lit("help").as("kind")]).where("request_id", "in", ids))
        .orderBy("value")
        .execute()
    : [];
  return {
    items: rows.map((r) => ({
      ...r,
      openProposals: Number(r.openProposals),
      languages: tags.filter((l) => l.request_id === r.id && l.kind === "language").map((l) => l.value),
      help: tags.filter((h) => h.request_id === r.id && h.kind === "help").map((h) => h.value as SponsorshipHelp),
    })),
    total,
    page,
    pageSize: REQUEST_PAGE_SIZE,
  };
}

/** A request as the office sees it (no access-log entry: callers that show it log the view). */
export async function loadRequest(db: Kysely<DB>, id: number) {
  const r = await db
    .selectFrom("sponsorship_request as r")
    .innerJoin("household as h", "h.id", "r.household_id")
    .leftJoin("district as d", "d.id", "r.district_id")
    .leftJoin("user as c", "c.id", "r.created_by")
    .selectAll("r")
    .select(["h.code as householdCode", "h.contact_phone as contactPhone", "h.contact_email as contactEmail", "d.name as district", "c.name as createdByName"])
    .where("r.id", "=", id)
    .where("h.erased_at", "is", null)
    .executeTakeFirst();
  if (!r) return null;
  const [languages, help] = await Promise.all([
    db.selectFrom("sponsorship_request_language").select("language_code").where("request_id", "=", id).orderBy("language_code").execute(),
    db.selectFrom("sponsorship_request_help").select("help").where("request_id", "=", id).orderBy("help").execute(),
  ]);
  return { ...r, languages: languages.map((l) => l.language_code), help: help.map((h) => h.help) };
}
export type RequestRecord = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

/** For the request's page: the record, its household's view written to the access log in the same transaction. */
export async function viewRequest(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "manage:sponsorship:any");
  return transaction(async (trx) => {
    const r = await loadRequest(trx, id);
    if (r) await recordView(trx, { actorUserId: actor.userId, entity: "household", entityId: r.household_id, via: "sponsorship-request", now });
    return r;
  });
}

/** For actions: whether the office may act on this request (it exists, its household is not erased). */
export async function requestExists(actor: Actor, id: number): Promise<boolean> {
  if (!can(actor, "manage:sponsorship:any")) return false;
  return !!(await getDb().selectFrom("sponsorship_request as r").innerJoin("household as h", "h.id", "r.household_id").select("r.id").where("r.id", "=", id).where("h.erased_at", "is", null).executeTakeFirst());
}

/** The office took up a request from the public form: it joins the queue. */
export async function openRequest(actor: Actor, id: number, now = new Date()) {
  requirePermission(actor, "manage:sponsorship:any");
  await transaction(async (trx) => {
    const r = await trx.updateTable("sponsorship_request").set({ status: "open", updated_at: now.toISOString() }).where("id", "=", id).where("status", "=", "new").executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError("sponsorships:errors.requestNotNew", 400);
    await closeTasksFor(trx, "sponsorship-request", id, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "open", entity: ENTITY, entityId: id, now });
  });
}

/** No sponsor is wanted any more: the request closes, its open proposals end (the volunteers are told). */
export async function closeRequest(actor: Actor, id: number, reason: string | undefined, now = new Date()) {
  requirePermission(actor, "manage:sponsorship:any");
  await transaction(async (trx) => {
    const r = await trx.selectFrom("sponsorship_request").select(["id", "status"]).where("id", "=", id).executeTakeFirst();
    if (!r) throw new AppError("errors.notFound", 404);
    if (r.status !== "new" && r.status !== "open") throw new AppError("sponsorships:errors.requestNotOpen", 400);
    await trx.updateTable("sponsorship_request").set({ status: "closed", close_reason: reason ?? null, updated_at: now.toISOString() }).where("id", "=", id).execute();
    await closeTasksFor(trx, "sponsorship-request", id, now);
    await closeOpenProposals(trx, id, null, now);
    await recordAudit(trx, { actorUserId: actor.userId, action: "close", entity: ENTITY, entityId: id, now });
  });
}

/** Choices of the request forms: districts and languages. */
export async function requestFormOptions() {
  // The master data from the derived cache (one version read instead of two queries, issue #13).
  const { districts, languages } = await associationOptions();
  return { districts, languages: languages.slice(0, 24) };
}

/** The household the office is creating a request for, found by its code (`H-…`). */
export async function findHouseholdForRequest(actor: Actor, code: string) {
  requirePermission(actor, "manage:sponsorship:any");
  const db = getDb();
  const h = await db
    .selectFrom("household as h")
    .leftJoin("district as d", "d.id", "h.district_id")
    .select(["h.id", "h.code", "h.district_id as districtId", "d.name as district"])
    .where("h.code", "=", code.trim().toUpperCase())
    .where("h.erased_at", "is", null)
    .executeTakeFirst();
  if (!h) return null;
  const [languages, consent] = await Promise.all([
    db.selectFrom("household_language").select("language_code").where("household_id", "=", h.id).execute(),
    sponsorshipConsent(db, h.id),
  ]);
  return { ...h, languages: languages.map((l) => l.language_code), consentGivenOn: consent?.given_on ?? null };
}
