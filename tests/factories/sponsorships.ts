/**
 * Factories for the sponsorships module: programmes, sponsors (the sponsorship part of a
 * volunteer's profile, intake done), requests of households (with the "sponsorship" consent) and
 * proposals. Used by tests and by the demo seed (`seedSponsorshipsDemo`).
 */
import type { Kysely } from "kysely";
import type { DB, Gender, SponsorshipHelp, SponsorshipProgrammeKind, SponsorshipProposalStatus, SponsorshipRequestSource, SponsorshipRequestStatus } from "../../db/schema";
import { timesToMask } from "../../app/modules/sponsorships/times";

export async function createTestProgramme(
  db: Kysely<DB>,
  o: Partial<{ name: string; kind: SponsorshipProgrammeKind; organisationId: number | null; funder: string | null; periodStart: string | null; periodEnd: string | null; active: boolean }> = {},
) {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("sponsorship_programme")
    .values({
      name: o.name ?? "Patenschaften der Stadt",
      kind: o.kind ?? "city",
      organisation_id: o.organisationId ?? null,
      funder: o.funder ?? null,
      period_start: o.periodStart ?? null,
      period_end: o.periodEnd ?? null,
      active: o.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}

/**
 * Makes an existing volunteer a sponsor: the sponsorship part of the profile and, unless
 * `intakeOn: null`, the intake talk recorded (only then can they be proposed).
 */
export async function makeTestSponsor(
  db: Kysely<DB>,
  userId: string,
  o: Partial<{ willing: boolean; capacity: number; help: SponsorshipHelp[]; times: string[]; districtId: number | null; gender: Gender | null; hasCar: boolean; intakeOn: string | null }> = {},
) {
  await db
    .insertInto("sponsor_profile")
    .values({
      user_id: userId,
      willing: o.willing === false ? 0 : 1,
      capacity: o.capacity ?? 1,
      gender: o.gender ?? null,
      has_car: o.hasCar ? 1 : 0,
      district_id: o.districtId === undefined ? null : o.districtId,
      times_mask: timesToMask(o.times ?? []),
      updated_at: new Date().toISOString(),
    })
    .execute();
  if (o.help?.length) await db.insertInto("sponsor_help").values(o.help.map((help) => ({ user_id: userId, help }))).execute();
  const intakeOn = o.intakeOn === undefined ? "2026-01-15" : o.intakeOn;
  await db.updateTable("volunteer_profile").set({ intake_on: intakeOn }).where("user_id", "=", userId).execute();
}

/** A request of a household, with the household's "sponsorship" consent (given unless `consent: false`). */
export async function createTestRequest(
  db: Kysely<DB>,
  householdId: number,
  o: Partial<{
    firstName: string;
    source: SponsorshipRequestSource;
    status: SponsorshipRequestStatus;
    languages: string[];
    help: SponsorshipHelp[];
    times: string[];
    districtId: number | null;
    genderWish: "female" | "male" | null;
    familyTandem: boolean;
    hasMinors: boolean;
    priority: number;
    requestedAt: string;
    consent: boolean;
    locale: string;
  }> = {},
) {
  const ts = o.requestedAt ?? new Date().toISOString();
  let consentId: number | null = null;
  if (o.consent !== false) {
    const existing = await db.selectFrom("household_consent").select("id").where("household_id", "=", householdId).where("purpose", "=", "sponsorship").where("withdrawn_at", "is", null).executeTakeFirst();
    if (existing) consentId = existing.id;
    else {
      const text = await db.selectFrom("household_consent_text").select("id").where("purpose", "=", "sponsorship").where("locale", "=", "de").executeTakeFirstOrThrow();
      consentId = (
        await db
          .insertInto("household_consent")
          .values({ household_id: householdId, purpose: "sponsorship", consent_text_id: text.id, language_shown: "de", volunteer_user_id: null, given_on: ts.slice(0, 10), recorded_by: null, recorded_at: ts, withdrawn_at: null, withdrawn_by: null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
  }
  const { id } = await db
    .insertInto("sponsorship_request")
    .values({
      household_id: householdId,
      first_name: o.firstName ?? "Samira",
      source: o.source ?? "office",
      consent_id: consentId,
      programme_id: null,
      district_id: o.districtId === undefined ? 1 : o.districtId,
      times_mask: timesToMask(o.times ?? []),
      sponsor_gender_wish: o.genderWish ?? null,
      family_tandem: o.familyTandem || o.hasMinors ? 1 : 0,
      has_minors: o.hasMinors ? 1 : 0,
      locale: o.locale ?? "de",
      note: null,
      status: o.status ?? "open",
      priority: o.priority ?? 0,
      close_reason: null,
      requested_at: ts,
      created_by: null,
      updated_at: ts,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const languages = o.languages ?? ["de"];
  if (languages.length) await db.insertInto("sponsorship_request_language").values(languages.map((language_code) => ({ request_id: id, language_code }))).execute();
  const help = o.help ?? ["authorities"];
  if (help.length) await db.insertInto("sponsorship_request_help").values(help.map((h) => ({ request_id: id, help: h }))).execute();
  return { id };
}

export async function createTestProposal(
  db: Kysely<DB>,
  requestId: number,
  volunteerUserId: string,
  o: Partial<{ status: SponsorshipProposalStatus; proposedAt: string; decidedAt: string | null; declineReason: "no_time" | "distance" | "language" | "not_a_fit" | "personal" | "other" | null }> = {},
) {
  const ts = o.proposedAt ?? new Date().toISOString();
  const status = o.status ?? "proposed";
  const { id } = await db
    .insertInto("sponsorship_proposal")
    .values({
      request_id: requestId,
      volunteer_user_id: volunteerUserId,
      status,
      score: 0,
      decline_reason: status === "declined" ? (o.declineReason ?? "no_time") : null,
      proposed_by: null,
      proposed_at: ts,
      decided_at: o.decidedAt === undefined ? (status === "proposed" ? null : ts) : o.decidedAt,
      household_agreed_at: null,
      household_agreed_by: null,
      closed_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id };
}
