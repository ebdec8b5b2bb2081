/**
 * Factories for tandems (sponsorships after the match): a programme, a household's request with
 * the sponsorship consent, a tandem in any state, meetings and confirmation links. Used by the
 * tests and the demo seed (`seedTandemsDemo`). Each returns ids (and, for links, the plain token:
 * the database keeps only its SHA-256, as the app does).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, SponsorshipHelp, TandemMeetingKind, TandemStatus } from "../../db/schema";
import { createTestHousehold, type HouseholdOverrides } from "./donations";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createTestProgramme(
  db: Kysely<DB>,
  o: Partial<{ name: string; kind: "city" | "funded" | "association"; organisationId: number | null; funder: string | null; trialWeeks: number; trialMeetings: number; checkinMonths: number; silenceDays: number; certificateMeetings: number }> = {},
) {
  const ts = new Date().toISOString();
  const { id } = await db
    .insertInto("sponsorship_programme")
    .values({
      name: o.name ?? `Programm ${randomBytes(2).toString("hex")}`,
      kind: o.kind ?? "city",
      organisation_id: o.organisationId ?? null,
      funder: o.funder ?? null,
      period_start: null,
      period_end: null,
      trial_weeks: o.trialWeeks ?? 6,
      trial_meetings: o.trialMeetings ?? 3,
      checkin_months: o.checkinMonths ?? 3,
      silence_days: o.silenceDays ?? 28,
      certificate_meetings: o.certificateMeetings ?? 6,
      active: 1,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

/** A household with the sponsorship consent and its request (status `matched`, as a running tandem has it). */
export async function createTestRequest(
  db: Kysely<DB>,
  o: Partial<{ programmeId: number; firstName: string; locale: string; districtId: number; languages: string[]; help: SponsorshipHelp[]; hasMinors: boolean; household: HouseholdOverrides; status: "new" | "open" | "matched" | "closed" }> = {},
) {
  const h = await createTestHousehold(db, o.household ?? {});
  const ts = new Date().toISOString();
  const text = await db.selectFrom("household_consent_text").select("id").where("purpose", "=", "sponsorship").where("locale", "=", "de").orderBy("version", "desc").executeTakeFirstOrThrow();
  const consent = await db
    .insertInto("household_consent")
    .values({ household_id: h.id, purpose: "sponsorship", consent_text_id: text.id, language_shown: "de", volunteer_user_id: null, given_on: ts.slice(0, 10), recorded_by: null, recorded_at: ts, withdrawn_at: null, withdrawn_by: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("sponsorship_request")
    .values({
      household_id: h.id,
      first_name: o.firstName ?? "Samira",
      source: "office",
      consent_id: consent.id,
      programme_id: o.programmeId ?? null,
      district_id: o.districtId ?? 1,
      times_mask: 0,
      sponsor_gender_wish: null,
      family_tandem: 0,
      has_minors: o.hasMinors ? 1 : 0,
      locale: o.locale ?? "ar",
      note: null,
      status: o.status ?? "matched",
      priority: 0,
      close_reason: null,
      requested_at: ts,
      created_by: null,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const languages = o.languages ?? ["ar", "de"];
  if (languages.length) await db.insertInto("sponsorship_request_language").values(languages.map((language_code) => ({ request_id: id, language_code }))).execute();
  const help = o.help ?? ["authorities", "german"];
  if (help.length) await db.insertInto("sponsorship_request_help").values(help.map((x) => ({ request_id: id, help: x }))).execute();
  return { id, householdId: h.id, householdCode: h.code, consentId: consent.id };
}

export type TandemOverrides = Partial<{
  programmeId: number;
  request: { id: number; householdId: number } | null;
  status: TandemStatus;
  startedOn: string;
  firstMeetingAt: string | null;
  trialEndsOn: string | null;
  nextCheckInOn: string | null;
  lastMeetingOn: string | null;
  nudgedOn: string | null;
  alertedOn: string | null;
  assignmentId: number | null;
  code: string;
}>;

export async function createTestTandem(db: Kysely<DB>, volunteerUserId: string, o: TandemOverrides = {}) {
  const programmeId = o.programmeId ?? (await createTestProgramme(db)).id;
  const request = o.request === undefined ? await createTestRequest(db, { programmeId }) : o.request;
  const ts = new Date().toISOString();
  const { id } = await db
    .insertInto("tandem")
    .values({
      code: o.code ?? `T-${randomBytes(3).toString("hex").toUpperCase()}`,
      request_id: request?.id ?? null,
      proposal_id: null,
      household_id: request?.householdId ?? null,
      volunteer_user_id: volunteerUserId,
      programme_id: programmeId,
      assignment_id: o.assignmentId ?? null,
      status: o.status ?? "first_meeting",
      first_meeting_at: o.firstMeetingAt ?? null,
      first_meeting_place: o.firstMeetingAt ? "Begegnungsstätte" : null,
      moderator: o.firstMeetingAt ? "office" : null,
      trial_ends_on: o.trialEndsOn ?? null,
      next_checkin_on: o.nextCheckInOn ?? null,
      last_meeting_on: o.lastMeetingOn ?? null,
      nudged_on: o.nudgedOn ?? null,
      office_alerted_on: o.alertedOn ?? null,
      started_on: o.startedOn ?? ts.slice(0, 10),
      ended_on: null,
      end_reason: null,
      created_by: null,
      created_at: ts,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, programmeId, request };
}

export async function createTestMeeting(db: Kysely<DB>, tandemId: number, o: Partial<{ day: string; minutes: number; kind: TandemMeetingKind; confirmed: boolean; note: string | null; topics: string }> = {}) {
  const ts = new Date().toISOString();
  const { id } = await db
    .insertInto("tandem_meeting")
    .values({ tandem_id: tandemId, day: o.day ?? ts.slice(0, 10), minutes: o.minutes ?? 60, kind: o.kind ?? "meeting", topics: o.topics ?? "german", note: o.note ?? null, logged_by: null, logged_at: ts, confirmed_at: o.confirmed ? ts : null, hours_entry_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

export async function createTestMeetingLink(db: Kysely<DB>, meetingId: number, o: Partial<{ locale: string; expiresAt: string; revokedAt: string | null }> = {}) {
  const token = randomBytes(20).toString("base64url");
  const { id } = await db
    .insertInto("tandem_meeting_link")
    .values({ token_hash: hash(token), meeting_id: meetingId, locale: o.locale ?? "ar", expires_at: o.expiresAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString(), revoked_at: o.revokedAt ?? null, used_at: null, created_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, token };
}
