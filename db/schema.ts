import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Table types. Timestamps are UTC ISO-8601 strings (`2026-11-21T12:00:00.000Z`),
 * calendar dates are `YYYY-MM-DD` strings in Europe/Berlin; booleans are 0/1.
 */
export interface DistrictTable {
  id: Generated<number>;
  slug: string;
  name: string;
  sort_order: number;
  active: Generated<number>;
}

export interface FieldOfActionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  sort_order: number;
  active: Generated<number>;
}

export interface LanguageTable {
  code: string;
  name_native: string;
  name_de: string;
  sort_order: number;
}

export type Role = "volunteer" | "association_member" | "coordinator" | "admin";
export type Locale = "de" | "en" | "ar" | "uk";

/** `…_key` columns: the folded text lists sort by and searches look in (`germanSortKey`, migration 0030), written with the text. */
export interface UserTable {
  id: string;
  email: string;
  name: string;
  name_key: string;
  password_hash: string;
  email_verified_at: string | null;
  locale: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
  created_at: string;
}

/** `id` is the SHA-256 (hex) of the cookie's token, never the token (migration 0020). */
export interface SessionTable {
  id: string;
  user_id: string;
  stage: Generated<SessionStage>;
  expires_at: string;
  created_at: string;
}

/** `second_factor`: the password was right, the two-factor code is still due (opens no page but the code page). */
export type SessionStage = "full" | "second_factor";

/** A user's TOTP key (`secret`: base64, or `enc:`… when TOTP_ENCRYPTION_KEY is set); `confirmed_at` null while enrolling (migration 0021). */
export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: string | null;
  last_step: number | null;
  created_at: string;
}

/** One-time recovery codes, stored as SHA-256 hashes. */
export interface UserRecoveryCodeTable {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** One accepted submission of a limited anonymous form (migration 0022). */
export interface FormSubmissionTable {
  id: Generated<number>;
  form: string;
  ip: string;
  address: string | null;
  created_at: string;
}

export type TokenPurpose = "verify_email" | "reset_password" | "change_email";

export interface EmailTokenTable {
  token_hash: string;
  user_id: string;
  purpose: TokenPurpose;
  new_email: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: number;
  created_at: string;
}

export type LegalForm = "city" | "registered_association" | "initiative" | "other";

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  legal_form: LegalForm;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  town: string | null;
  website: string | null;
  insurer: string | null;
  policy_number: string | null;
  policy_valid_until: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganisationMemberTable {
  user_id: string;
  organisation_id: number;
  created_at: string;
  /** 1: manages the association (profile, members, offers) at /verein (migration 0037). */
  association_admin: Generated<number>;
}

/** Associations' self-registration (migration 0037, ADR 0032). */
export type AssociationStatus = "pending" | "verified" | "rejected";
export type AssociationKind = "registered_association" | "initiative" | "church" | "public_body" | "other";

export interface AssociationProfileTable {
  id: Generated<number>;
  /** One profile per organisation (unique). */
  organisation_id: number;
  status: Generated<AssociationStatus>;
  kind: AssociationKind;
  register_court: string | null;
  register_number: string | null;
  district_id: number | null;
  description: string | null;
  fees: string | null;
  reduced_fees: string | null;
  barrier_free: Generated<number>;
  registered_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssociationFieldTable {
  organisation_id: number;
  field_id: number;
}

export interface AssociationLanguageTable {
  organisation_id: number;
  language_code: string;
}

/** An invitation to join an association; `token_hash` is the SHA-256 of the link's token. */
export interface AssociationInviteTable {
  id: Generated<number>;
  organisation_id: number;
  email: string;
  token_hash: string;
  as_admin: Generated<number>;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  created_at: string;
}

export type OfferTargetGroup = "children" | "youth" | "women" | "families" | "seniors" | "everyone";
export type OfferCost = "free" | "reduced" | "fee";

/** An association's offer (migration 0038). */
export interface AssociationOfferTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  title_key: string;
  description: string;
  field_id: number;
  district_id: number | null;
  place: string | null;
  times: string;
  target_group: OfferTargetGroup;
  cost: OfferCost;
  fee_note: string | null;
  barrier_free: Generated<number>;
  contact_path: string;
  published: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 0049: folded German title and description (search); the offer looks for helpers. */
  search_key: Generated<string>;
  volunteers_wanted: Generated<number>;
}

export interface AssociationOfferLanguageTable {
  offer_id: number;
  language_code: string;
}

// ── The offers directory /angebote (issue #15, migration 0049) ──────────────────────────
/** Every UI language but German (fa, tr, ru since migration 0060). */
export type OfferTextLocale = "en" | "ar" | "uk" | "fa" | "tr" | "ru";
export interface AssociationOfferTextTable {
  offer_id: number;
  locale: OfferTextLocale;
  title: string;
  description: string;
  search_key: string;
}
export type OfferDateKind = "weekly" | "single";
export interface AssociationOfferDateTable {
  id: Generated<number>;
  offer_id: number;
  kind: OfferDateKind;
  /** ISO weekday 1 (Monday) … 7; for single dates the Berlin weekday of `starts_at`. */
  weekday: number;
  /** Weekly: Berlin wall clock "HH:MM" and the days (YYYY-MM-DD) it runs from/until. */
  start_time: string | null;
  end_time: string | null;
  valid_from: string | null;
  valid_until: string | null;
  /** Single: UTC instants. */
  starts_at: string | null;
  ends_at: string | null;
}
export interface AssociationOfferHelpTable {
  id: Generated<number>;
  offer_id: number;
  user_id: string;
  created_at: string;
}

export type OutboxStatus = "pending" | "sent" | "failed";

export interface OutboxTable {
  id: Generated<number>;
  message_id: string;
  to_address: string;
  locale: string;
  template: string;
  subject: string;
  html: string;
  text: string;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** JSON `[{ filename, contentType, content }]` (text content, e.g. an .ics), or null. */
  attachments: string | null;
  /** The one-click opt-out address sent as `List-Unsubscribe` (group messages, migration 0047), or null. */
  list_unsubscribe: Generated<string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string | null;
  created_at: string;
}

export interface JobRunTable {
  job: string;
  run_key: string;
  started_at: string;
  finished_at: string | null;
}

export type VolunteerStatus = "registered" | "intake_scheduled" | "active" | "paused" | "left";
export type Gender = "female" | "male" | "diverse";
export type LanguageLevel = "A1" | "A2" | "B1" | "B2" | "C1" | "C2" | "native";
export type AvailabilitySlot = "morning" | "afternoon" | "evening";
export type ConsentPurpose = "volunteer-data" | "confidentiality";

export interface VolunteerProfileTable {
  user_id: string;
  phone: string | null;
  district_id: number | null;
  has_car: number;
  gender: Gender | null;
  birth_year: number | null;
  status: VolunteerStatus;
  status_changed_at: string;
  intake_on: string | null;
  intake_notes: string | null;
  erased_at: string | null;
  created_at: string;
  updated_at: string;
  /** A copy of `user.name`, kept by the database (migration 0062): the lists page in name order on the profile alone. */
  name: Generated<string>;
  /** A copy of `user.name_key` (`germanSortKey`), kept with `name`. */
  name_key: Generated<string>;
}

export interface VolunteerLanguageTable {
  user_id: string;
  language_code: string;
  level: LanguageLevel;
}

export interface VolunteerSkillTable {
  user_id: string;
  skill: string;
  /** `germanSortKey(skill)` (migration 0033): the skill filter searches it, a profile's skills sort by it. */
  skill_key: string;
}

export interface VolunteerFieldTable {
  user_id: string;
  field_id: number;
}

export interface VolunteerAvailabilityTable {
  user_id: string;
  weekday: number;
  slot: AvailabilitySlot;
}

export interface VolunteerStatusHistoryTable {
  id: Generated<number>;
  user_id: string;
  from_status: VolunteerStatus | null;
  to_status: VolunteerStatus;
  changed_by: string | null;
  reason: string | null;
  changed_at: string;
}

export interface ConsentTextTable {
  id: Generated<number>;
  purpose: ConsentPurpose;
  version: number;
  locale: string;
  title: string;
  body: string;
  published_at: string;
}

export interface ConsentRecordTable {
  id: Generated<number>;
  user_id: string;
  purpose: ConsentPurpose;
  consent_text_id: number;
  given_at: string;
  withdrawn_at: string | null;
}

export interface VolunteerReminderTable {
  kind: string;
  user_id: string;
  occasion: string;
  sent_at: string;
}

export interface AssignmentTable {
  id: Generated<number>;
  volunteer_user_id: string;
  activity: string;
  activity_key: string;
  field_of_action_id: number;
  organisation_id: number;
  start_day: string;
  end_day: string | null;
  document_ref: string;
  works_with_minors: number;
  closed_on: string | null;
  close_reason: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface AssignmentHistoryTable {
  id: Generated<number>;
  assignment_id: number;
  action: "create" | "update" | "close";
  snapshot: string;
  changed_by: string;
  changed_at: string;
}

/** § 72a (5) SGB VIII: only these facts may be stored; no copy, no free text. */
export interface CertificateInspectionTable {
  id: Generated<number>;
  volunteer_user_id: string;
  inspected: number;
  certificate_date: string;
  relevant_conviction: number;
  inspected_by: string;
  inspected_on: string;
  created_at: string;
}

export type HoursStatus = "submitted" | "confirmed" | "rejected";

export interface HoursEntryTable {
  id: Generated<number>;
  assignment_id: number;
  day: string;
  hours: number;
  note: string | null;
  status: HoursStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
  /** The assignment's organisation, kept by triggers (migration 0067); never written by the app. */
  organisation_id: Generated<number | null>;
}

export interface ReminderSentTable {
  occasion_key: string;
  sent_at: string;
}

/** The name of a volunteer who asked for erasure, kept on their assignments as insurance evidence until `kept_until`. */
export interface CoverEvidenceTable {
  user_id: string;
  name: string;
  name_key: string;
  erased_at: string;
  kept_until: string;
}

export type BookingStatus = "unconfirmed" | "requested" | "confirmed" | "declined" | "cancelled" | "expired";

export interface RoomTable {
  id: Generated<number>;
  name: string;
  /** `germanSortKey(name)` (migration 0033): the room lists sort by it. */
  name_key: string;
  address: string;
  description: Generated<string>;
  capacity: number;
  /** JSON: seven entries, Monday first, `{ open: "HH:MM", close: "HH:MM" }` or null (closed). */
  opening_hours: string;
  night_rest_start: Generated<string>;
  night_rest_end: Generated<string>;
  min_minutes: Generated<number>;
  max_minutes: Generated<number>;
  buffer_minutes: Generated<number>;
  lead_days: Generated<number>;
  horizon_months: Generated<number>;
  key_deposit_cents: Generated<number>;
  fee_cents: Generated<number>;
  fee_note: Generated<string>;
  /** JSON object (migration 0065): the note on the fee per UI language other than German. */
  fee_note_translations: Generated<string>;
  /** Where and when the key is collected (in the booking confirmation mail); empty: not set. */
  key_pickup_place: Generated<string>;
  key_pickup_hours: Generated<string>;
  /** JSON objects (migration 0063): the key pickup place and hours per UI language other than German. */
  key_pickup_place_translations: Generated<string>;
  key_pickup_hours_translations: Generated<string>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
  /** JSON object: the description per UI language other than German (`{ "ar": "…" }`). */
  description_translations: Generated<string>;
}

export interface RoomPartTable {
  id: Generated<number>;
  room_id: number;
  name: string;
  sort_order: Generated<number>;
  /** JSON object: the part's name per UI language other than German. */
  name_translations: Generated<string>;
}

export interface RoomRulesTable {
  id: Generated<number>;
  room_id: number;
  version: number;
  text: string;
  /** JSON object (migration 0063): this version's house rules per UI language other than German. */
  text_translations: Generated<string>;
  created_at: string;
}

export interface RoomBlackoutTable {
  id: Generated<number>;
  room_id: number;
  starts_at: string;
  ends_at: string;
  reason: string;
  created_at: string;
}

/** A room photo (public): large version and thumbnail, re-encoded JPEG; `version` is in the URL. */
export interface RoomPhotoTable {
  id: Generated<number>;
  room_id: number;
  sort_order: number;
  alt: string;
  /** JSON object (migration 0063): the description per UI language other than German. */
  alt_translations: Generated<string>;
  version: string;
  width: number;
  height: number;
  data: Buffer;
  thumb_width: number;
  thumb_height: number;
  thumb: Buffer;
  created_at: string;
  updated_at: string;
}

export interface BookingSeriesTable {
  id: Generated<number>;
  room_id: number;
  frequency: "weekly" | "biweekly";
  created_at: string;
}

export interface BookingTable {
  id: Generated<number>;
  room_id: number;
  series_id: number | null;
  status: BookingStatus;
  starts_at: string;
  ends_at: string;
  requester_user_id: string | null;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  group_name: string | null;
  purpose: string;
  attendees: number;
  responsible_adult: string;
  /** JSON array of room_part ids. */
  parts: Generated<string>;
  rules_version: number;
  locale: Generated<string>;
  manage_token_hash: string;
  confirm_expires_at: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  booked_by_office: Generated<number>;
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
  /** 0/1: the office counts this booking as serving the funded integration purpose (migration 0041, KOMM-AN block A). */
  integration_purpose: Generated<number>;
}

export interface KeyHandoverTable {
  id: Generated<number>;
  booking_id: number;
  handed_out_at: string;
  handed_to: string;
  deposit_cents: Generated<number>;
  condition_out: string | null;
  returned_at: string | null;
  deposit_outcome: "returned" | "kept" | "partly_kept" | null;
  condition_back: string | null;
  damages: string | null;
  reminder_sent_at: string | null;
  created_at: string;
}

export interface CalendarFeedTable {
  id: Generated<number>;
  token_hash: string;
  kind: "requester" | "office";
  email: string | null;
  created_at: string;
  revoked_at: string | null;
}

export type Room = Selectable<RoomTable>;
export type Booking = Selectable<BookingTable>;

// Material donations (migration 0005). Households are shared with the sponsorships module.
export type HouseholdConsentPurpose = "donations" | "sponsorship" | "share-contact";
export type NeedStatus = "open" | "matched" | "fulfilled" | "cancelled";
export type Urgency = "normal" | "urgent";
export type Season = "summer" | "winter" | "all";
export type SizeKind = "none" | "clothing" | "shoes" | "bicycle";
export type OfferCondition = "new" | "good" | "used";
export type OfferDelivery = "donor_brings" | "needs_pickup";
export type OfferReviewState = "unconfirmed" | "pending" | "accepted" | "declined";
export type OfferStatus = "open" | "closed" | "withdrawn" | "expired";
export type HandoverMode = "donor" | "office" | "transport";
export type MatchState = "reserved" | "handed_over" | "failed";
export type TransportState = "asked" | "accepted" | "declined" | "withdrawn";

export interface DistrictNeighbourTable {
  district_id: number;
  neighbour_id: number;
}

export interface HouseholdTable {
  id: Generated<number>;
  code: string;
  contact_name: string | null;
  contact_name_key: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  street: string | null;
  district_id: number | null;
  adults: number;
  notes: string | null;
  erased_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** 1: brought in by an import, consent still to be recorded; hidden from volunteers, the public and matching (migration 0055). */
  consent_pending: Generated<number>;
}

export interface HouseholdLanguageTable {
  household_id: number;
  language_code: string;
}

export interface HouseholdChildTable {
  id: Generated<number>;
  household_id: number;
  birth_year: number;
}

export interface HouseholdConsentTextTable {
  id: Generated<number>;
  purpose: HouseholdConsentPurpose;
  version: number;
  locale: string;
  title: string;
  body: string;
  published_at: string;
}

export interface HouseholdConsentTable {
  id: Generated<number>;
  household_id: number;
  purpose: HouseholdConsentPurpose;
  consent_text_id: number;
  language_shown: string;
  volunteer_user_id: string | null;
  given_on: string;
  recorded_by: string | null;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface DonationCategoryTable {
  id: Generated<number>;
  parent_id: number | null;
  slug: string;
  name_de: string;
  name_en: string;
  name_ar: string;
  name_uk: string;
  /** Migration 0060: '' = no translation yet, the German name is shown. */
  name_fa: Generated<string>;
  name_tr: Generated<string>;
  name_ru: Generated<string>;
  size_kind: SizeKind;
  seasonal: number;
  tested_only: number;
  sort_order: number;
  active: number;
}

export interface DonationNeedTable {
  id: Generated<number>;
  household_id: number;
  category_id: number;
  size: string | null;
  season: Season | null;
  quantity: number;
  urgency: Urgency;
  note: string | null;
  status: NeedStatus;
  /** Units promised by reservations or already handed over (migration 0009). */
  quantity_covered: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  fulfilled_at: string | null;
}

export interface DonationNeedHistoryTable {
  id: Generated<number>;
  need_id: number;
  from_status: NeedStatus | null;
  to_status: NeedStatus;
  changed_by: string | null;
  reason: string | null;
  changed_at: string;
  /** The need's covered units after the change (migration 0009; null in older entries). */
  covered: number | null;
}

export interface DonationOfferTable {
  id: Generated<number>;
  donor_user_id: string | null;
  donor_name: string | null;
  donor_email: string | null;
  donor_phone: string | null;
  donor_locale: string;
  category_id: number;
  size: string | null;
  season: Season | null;
  quantity: number;
  quantity_reserved: number;
  condition: OfferCondition;
  description: string | null;
  pickup_district_id: number | null;
  pickup_street: string | null;
  available_until: string;
  delivery: OfferDelivery;
  manage_token_hash: string | null;
  confirmed_at: string | null;
  review_state: OfferReviewState;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  status: OfferStatus;
  expiry_notice_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The donor's private manage links (migration 0009): only hashes, several per offer, each revocable. */
export interface DonationOfferLinkTable {
  id: Generated<number>;
  offer_id: number;
  token_hash: string;
  sent_with: "offer" | "expiry-notice";
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface DonationOfferPhotoTable {
  id: Generated<number>;
  offer_id: number;
  mime: string;
  width: number;
  height: number;
  data: Buffer;
  created_at: string;
}

export interface DonationMatchTable {
  id: Generated<number>;
  offer_id: number;
  need_id: number;
  quantity: number;
  handover_mode: HandoverMode | null;
  handover_on: string | null;
  time_from: string | null;
  time_to: string | null;
  state: MatchState;
  outcome_reason: string | null;
  outcome_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DonationTransportTable {
  id: Generated<number>;
  match_id: number;
  volunteer_user_id: string;
  state: TransportState;
  asked_at: string;
  answered_at: string | null;
  decline_reason: string | null;
}

/** Versions of the cached public pages' and derived data's scopes, bumped by triggers (migration 0010, ADR 0012). */
export interface CacheScopeTable {
  scope: string;
  version: Generated<number>;
}

/** Derived facts per person (ADR 0019), kept current by the commands and the daily job. */
export interface VolunteerFactTable {
  user_id: string;
  insured_today: number;
  certificate_state: "notNeeded" | "missing" | "valid" | "dueSoon" | "expired";
  ehrenamtskarte_eligible: number;
  karte_hours: number;
  karte_first_day: string | null;
  latest_inspection_id: number | null;
  inspection_state: "none" | "conviction" | "valid" | "dueSoon" | "overdue" | null;
  inspection_deletion_day: string | null;
  inspection_rank: number | null;
  computed_for_day: string;
}

/** For which day and rules a facts table was last computed as a whole. */
export interface FactRefreshTable {
  name: string;
  computed_for_day: string;
  rules: string;
  refreshed_at: string;
}

/** Town-specific texts of the public legal and help pages, per page and language (migration 0023). */
export interface LegalPageTable {
  slug: string;
  locale: string;
  title: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
}

/** Sponsorships (Patenschaften, migration 0034). `times_mask`: bit (weekday * 3 + slot), Monday = 0, morning = 0. */
export type SponsorshipProgrammeKind = "city" | "funded" | "association";
export type SponsorshipHelp = "authorities" | "german" | "school" | "housing" | "work" | "health" | "leisure";
export type SponsorshipRequestSource = "office" | "public" | "case_management";
export type SponsorshipRequestStatus = "new" | "open" | "matched" | "closed";
export type SponsorshipProposalStatus = "proposed" | "accepted" | "declined" | "withdrawn" | "closed";
export type SponsorshipDeclineReason = "no_time" | "distance" | "language" | "not_a_fit" | "personal" | "other";
export type TandemStatus = "first_meeting" | "trial" | "active" | "ended";
export type TandemEndReason = "goal_reached" | "moved_away" | "no_time" | "no_fit" | "consent_withdrawn" | "other";
export type TandemMeetingKind = "meeting" | "phone" | "video" | "accompaniment" | "leisure" | "other";

export interface SponsorshipProgrammeTable {
  id: Generated<number>;
  name: string;
  kind: SponsorshipProgrammeKind;
  organisation_id: number | null;
  funder: string | null;
  period_start: string | null;
  period_end: string | null;
  trial_weeks: Generated<number>;
  trial_meetings: Generated<number>;
  checkin_months: Generated<number>;
  silence_days: Generated<number>;
  certificate_meetings: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SponsorshipRequestTable {
  id: Generated<number>;
  household_id: number;
  first_name: string;
  source: SponsorshipRequestSource;
  consent_id: number | null;
  programme_id: number | null;
  district_id: number | null;
  times_mask: Generated<number>;
  sponsor_gender_wish: "female" | "male" | null;
  family_tandem: Generated<number>;
  has_minors: Generated<number>;
  locale: Generated<string>;
  note: string | null;
  status: SponsorshipRequestStatus;
  priority: Generated<number>;
  close_reason: string | null;
  requested_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface SponsorshipRequestLanguageTable {
  request_id: number;
  language_code: string;
}

export interface SponsorshipRequestHelpTable {
  request_id: number;
  help: SponsorshipHelp;
}

export interface SponsorProfileTable {
  user_id: string;
  willing: Generated<number>;
  capacity: Generated<number>;
  gender: Gender | null;
  has_car: Generated<number>;
  district_id: number | null;
  times_mask: Generated<number>;
  updated_at: string;
}

export interface SponsorHelpTable {
  user_id: string;
  help: SponsorshipHelp;
}

export interface SponsorshipProposalTable {
  id: Generated<number>;
  request_id: number;
  volunteer_user_id: string;
  status: SponsorshipProposalStatus;
  score: Generated<number>;
  decline_reason: SponsorshipDeclineReason | null;
  proposed_by: string | null;
  proposed_at: string;
  decided_at: string | null;
  household_agreed_at: string | null;
  household_agreed_by: string | null;
  closed_at: string | null;
}

export interface TandemTable {
  id: Generated<number>;
  code: string;
  request_id: number | null;
  proposal_id: number | null;
  household_id: number | null;
  volunteer_user_id: string;
  programme_id: number;
  assignment_id: number | null;
  status: TandemStatus;
  first_meeting_at: string | null;
  first_meeting_place: string | null;
  moderator: string | null;
  trial_ends_on: string | null;
  next_checkin_on: string | null;
  last_meeting_on: string | null;
  nudged_on: string | null;
  office_alerted_on: string | null;
  started_on: string;
  ended_on: string | null;
  end_reason: TandemEndReason | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TandemEventTable {
  id: Generated<number>;
  tandem_id: number;
  kind: string;
  from_status: TandemStatus | null;
  to_status: TandemStatus | null;
  reason: string | null;
  note: string | null;
  actor_user_id: string | null;
  at: string;
}

export interface TandemMeetingTable {
  id: Generated<number>;
  tandem_id: number;
  day: string;
  minutes: number;
  kind: TandemMeetingKind;
  topics: Generated<string>;
  note: string | null;
  logged_by: string | null;
  logged_at: string;
  confirmed_at: string | null;
  hours_entry_id: number | null;
}

export interface TandemMeetingLinkTable {
  id: Generated<number>;
  token_hash: string;
  meeting_id: number;
  locale: Generated<string>;
  expires_at: string;
  revoked_at: string | null;
  used_at: string | null;
  created_at: string;
}

export type ImportKind = "volunteers" | "organisations" | "households" | "donation-offers";
export type ImportStatus = "uploaded" | "mapping" | "review" | "queued" | "running" | "done" | "failed" | "undone" | "cancelled";
export type ImportPlan = "empty" | "error" | "create" | "update" | "duplicate" | "skip";
export type ImportRowState = "pending" | "created" | "updated" | "unchanged" | "skipped" | "failed";

/** One uploaded spreadsheet (migration 0043): its steps, mapping (JSON), progress and report. */
export interface ImportBatchTable {
  id: Generated<number>;
  kind: ImportKind;
  status: ImportStatus;
  file_name: string;
  file_format: "csv" | "xlsx";
  encoding: string | null;
  delimiter: string | null;
  sheet_name: string | null;
  sheet_names: string | null;
  header_row: number;
  column_count: number;
  mapping: string | null;
  row_count: number;
  processed: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  skipped_count: Generated<number>;
  failed_count: Generated<number>;
  lease_until: string | null;
  resumed_count: Generated<number>;
  error: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  undone_at: string | null;
  /** The office's choices in the dry run, JSON (migration 0055). */
  options: string | null;
}

/** A spreadsheet row as read (`cells`: JSON array of text), the office's fixes and the plan. */
export interface ImportRowTable {
  batch_id: number;
  row_no: number;
  cells: string;
  fixes: string | null;
  plan: ImportPlan | null;
  target_id: string | null;
  candidate_id: string | null;
  decision: "create" | "update" | "skip" | null;
  errors: string | null;
  state: Generated<ImportRowState>;
  outcome: string | null;
}

/** What a run created or changed (values before and after, JSON), for undo. */
export interface ImportChangeTable {
  id: Generated<number>;
  batch_id: number;
  row_no: number;
  entity: string;
  entity_id: string;
  op: "create" | "update";
  before: string | null;
  after: string;
  created_at: string;
}

export interface ImportMappingTable {
  kind: string;
  header_key: string;
  field: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ImportExternalIdTable {
  kind: string;
  external_id: string;
  entity_id: string;
  batch_id: number | null;
  created_at: string;
}

// Reports (migrations 0041, 0042; issue #16).
export type ReportBlock = "A" | "B" | "C" | "D";
export type ReportEventKind = "information" | "training" | "meeting_point" | "encounter" | "other";

/** An event the office organised: counts only, no names. */
export interface ReportEventTable {
  id: Generated<number>;
  day: string;
  kind: ReportEventKind;
  block: ReportBlock;
  title: string;
  district_id: number | null;
  participants: number;
  volunteers: number;
  created_by: string | null;
  created_at: string;
}

/** The office's narrative text per report period (`from..to|district`). */
export interface ReportNarrativeTable {
  period_key: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
}

/** A frozen report: its figures as JSON, as they were when it was frozen. */
export interface ReportSnapshotTable {
  id: Generated<number>;
  label: string;
  period_from: string;
  period_to: string;
  district_id: number | null;
  figures: string;
  narrative: string;
  frozen_by: string | null;
  frozen_at: string;
}

// ── the integration seal (migrations 0039/0040, ADR 0033) ─────────────────────────────
export type SealCriterionKind = "mandatory" | "elective";
export type SealApplicationStatus = "draft" | "submitted" | "returned" | "in_review" | "awarded" | "declined";

export interface SealCatalogueTable {
  version: number;
  elective_min: Generated<number>;
  published_at: string | null;
  created_at: string;
}

export interface SealCriterionTable {
  id: Generated<number>;
  version: number;
  code: string;
  kind: SealCriterionKind;
  weight: Generated<number>;
  sort_order: Generated<number>;
  title_de: string;
  title_en: string | null;
  title_ar: string | null;
  title_uk: string | null;
  /** Migration 0060. */
  title_fa: string | null;
  title_tr: string | null;
  title_ru: string | null;
  evidence_de: string;
  evidence_en: string | null;
  evidence_ar: string | null;
  evidence_uk: string | null;
  evidence_fa: string | null;
  evidence_tr: string | null;
  evidence_ru: string | null;
}

export interface SealApplicationTable {
  id: Generated<number>;
  organisation_id: number;
  catalogue_version: number;
  status: SealApplicationStatus;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  office_message: string | null;
  decision_reason: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SealAnswerTable {
  application_id: number;
  criterion_id: number;
  self_score: number;
  statement: string;
  evidence: string | null;
  updated_at: string;
}

export interface SealJurorTable {
  user_id: string;
  added_by: string | null;
  added_at: string;
  removed_at: string | null;
}

export interface SealAssignmentTable {
  application_id: number;
  juror_user_id: string;
  conflict: "none" | "declared" | null;
  conflict_note: string | null;
  declared_at: string | null;
  recommendation: "award" | "decline" | null;
  submitted_at: string | null;
  assigned_at: string;
}

export interface SealScoreTable {
  application_id: number;
  juror_user_id: string;
  criterion_id: number;
  score: number;
  justification: string;
  updated_at: string;
}

export interface SealEventTable {
  id: Generated<number>;
  application_id: number;
  actor_user_id: string | null;
  action: string;
  details: string | null;
  created_at: string;
}

export interface SealEvidenceTable {
  id: Generated<number>;
  application_id: number;
  criterion_id: number;
  file_name: string;
  mime: "application/pdf" | "image/jpeg";
  size: number;
  data: Buffer;
  created_by: string | null;
  created_at: string;
}

// One work queue (issue #16, ADR 0036)
export type TaskStatus = "open" | "done";
export interface TaskTable {
  id: Generated<number>;
  module: string;
  kind: string;
  record_id: string;
  permission: string;
  href: string;
  title_key: string;
  title_values: Generated<string>;
  due_on: string;
  assignee_id: string | null;
  snoozed_until: string | null;
  snooze_note: string | null;
  status: Generated<TaskStatus>;
  closed_reason: "auto" | "manual" | null;
  closed_by: string | null;
  open_key: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}
export interface TaskDigestTable {
  user_id: string;
  created_at: string;
  last_sent_at: string | null;
}

export interface SealConditionTable {
  id: Generated<number>;
  application_id: number;
  text: string;
  due_on: string;
  fulfilled_at: string | null;
  fulfilled_by: string | null;
  created_at: string;
}

export interface SealAwardTable {
  id: Generated<number>;
  application_id: number;
  organisation_id: number;
  code: string;
  awarded_on: string;
  valid_until: string;
  revoked_at: string | null;
  revoke_reason: string | null;
  renewal_reminded_at: string | null;
  created_at: string;
}

// ── the privacy desk (issue #17, ADR 0038) ──
export type PrivacyRequestKind = "access" | "rectification" | "erasure" | "restriction" | "objection";
export type PrivacySubjectKind = "volunteer" | "household" | "other";
export type PrivacyRequestStatus = "open" | "closed";
export interface PrivacyRequestTable {
  id: Generated<number>;
  kind: PrivacyRequestKind;
  subject_kind: PrivacySubjectKind;
  volunteer_user_id: string | null;
  household_id: number | null;
  requester_name: string;
  channel: string;
  received_on: string;
  due_on: string;
  extended_due_on: string | null;
  extension_reason: string | null;
  identity_method: string | null;
  identity_checked_at: string | null;
  identity_checked_by: string | null;
  note: string | null;
  status: PrivacyRequestStatus;
  outcome: string | null;
  outcome_note: string | null;
  closed_at: string | null;
  closed_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface PrivacyRequestEventTable {
  id: Generated<number>;
  request_id: number;
  action: string;
  note: string | null;
  by_user_id: string | null;
  at: string;
}
export interface JobTaskResultTable {
  job: string;
  run_key: string;
  task: string;
  count: number;
  at: string;
}
export interface AuditLogPurgeTable {
  id: number;
  purge_before: string;
}

/** Messages to groups of volunteers (issue #17, migration 0047). `filter` is the JSON of `MessageFilter`. */
export interface MessageTable {
  id: Generated<number>;
  filter: string;
  author_user_id: string | null;
  recipient_count: Generated<number>;
  created_at: string;
  updated_at: string;
  /** null: a draft. When the office sent it (the job writes the recipients after). */
  sent_at: string | null;
  /** Migration 0058: draft → sending (the job writes recipients) → done, or failed. */
  status: Generated<MessageStatus>;
  /** The Berlin day the frozen filter is read on (its "current or upcoming assignment"). */
  filter_day: string | null;
  /** Recipients (and their outbox mails) written so far by the job. */
  queued_count: Generated<number>;
  /** The last user id the job has looked at (it goes in user id order). */
  cursor: string | null;
  /** A process runs the job until then; after it ran out (a restart) another run resumes. */
  lease_until: string | null;
  /** When the message's first mail became due; the rate limit counts from it. */
  rate_anchor_at: string | null;
  resumed_count: Generated<number>;
  failures: Generated<number>;
  /** Translation key of the last error of the job. */
  error: string | null;
  finished_at: string | null;
}

export type MessageStatus = "draft" | "sending" | "done" | "failed";

export interface MessageTextTable {
  message_id: number;
  locale: string;
  subject: string;
  body: string;
}

export interface MessageRecipientTable {
  message_id: number;
  user_id: string;
  /** The language the recipient got (theirs if the message has it, else German). */
  locale: string;
  outbox_id: number | null;
  /** SHA-256 of the token in the recipient's one-click opt-out link. */
  opt_out_token_hash: string;
}

/** A row: the person receives no messages to groups (transactional mail still arrives). */
export interface MessageOptOutTable {
  user_id: string;
  opted_out_at: string;
}

export interface DB {
  cache_scope: CacheScopeTable;
  volunteer_fact: VolunteerFactTable;
  fact_refresh: FactRefreshTable;
  legal_page: LegalPageTable;
  district: DistrictTable;
  field_of_action: FieldOfActionTable;
  language: LanguageTable;
  user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  email_token: EmailTokenTable;
  login_attempt: LoginAttemptTable;
  user_totp: UserTotpTable;
  user_recovery_code: UserRecoveryCodeTable;
  form_submission: FormSubmissionTable;
  organisation: OrganisationTable;
  organisation_member: OrganisationMemberTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  // the privacy desk (issue #17)
  privacy_request: PrivacyRequestTable;
  privacy_request_event: PrivacyRequestEventTable;
  job_task_result: JobTaskResultTable;
  audit_log_purge: AuditLogPurgeTable;
  job_run: JobRunTable;
  volunteer_profile: VolunteerProfileTable;
  volunteer_language: VolunteerLanguageTable;
  volunteer_skill: VolunteerSkillTable;
  volunteer_field: VolunteerFieldTable;
  volunteer_availability: VolunteerAvailabilityTable;
  volunteer_status_history: VolunteerStatusHistoryTable;
  consent_text: ConsentTextTable;
  consent_record: ConsentRecordTable;
  volunteer_reminder: VolunteerReminderTable;
  assignment: AssignmentTable;
  cover_evidence: CoverEvidenceTable;
  assignment_history: AssignmentHistoryTable;
  certificate_inspection: CertificateInspectionTable;
  hours_entry: HoursEntryTable;
  reminder_sent: ReminderSentTable;
  room: RoomTable;
  room_part: RoomPartTable;
  room_rules: RoomRulesTable;
  room_blackout: RoomBlackoutTable;
  room_photo: RoomPhotoTable;
  booking_series: BookingSeriesTable;
  booking: BookingTable;
  key_handover: KeyHandoverTable;
  calendar_feed: CalendarFeedTable;
  district_neighbour: DistrictNeighbourTable;
  household: HouseholdTable;
  household_language: HouseholdLanguageTable;
  household_child: HouseholdChildTable;
  household_consent_text: HouseholdConsentTextTable;
  household_consent: HouseholdConsentTable;
  donation_category: DonationCategoryTable;
  donation_need: DonationNeedTable;
  donation_need_history: DonationNeedHistoryTable;
  donation_offer: DonationOfferTable;
  donation_offer_photo: DonationOfferPhotoTable;
  donation_offer_link: DonationOfferLinkTable;
  donation_match: DonationMatchTable;
  donation_transport: DonationTransportTable;
  sponsorship_programme: SponsorshipProgrammeTable;
  sponsorship_request: SponsorshipRequestTable;
  sponsorship_request_language: SponsorshipRequestLanguageTable;
  sponsorship_request_help: SponsorshipRequestHelpTable;
  sponsor_profile: SponsorProfileTable;
  sponsor_help: SponsorHelpTable;
  sponsorship_proposal: SponsorshipProposalTable;
  tandem: TandemTable;
  tandem_event: TandemEventTable;
  tandem_meeting: TandemMeetingTable;
  tandem_meeting_link: TandemMeetingLinkTable;
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
  import_change: ImportChangeTable;
  import_mapping: ImportMappingTable;
  import_external_id: ImportExternalIdTable;
  report_event: ReportEventTable;
  report_narrative: ReportNarrativeTable;
  report_snapshot: ReportSnapshotTable;
  association_profile: AssociationProfileTable;
  association_field: AssociationFieldTable;
  association_language: AssociationLanguageTable;
  association_invite: AssociationInviteTable;
  association_offer: AssociationOfferTable;
  association_offer_language: AssociationOfferLanguageTable;
  association_offer_text: AssociationOfferTextTable;
  association_offer_date: AssociationOfferDateTable;
  association_offer_help: AssociationOfferHelpTable;
  seal_catalogue: SealCatalogueTable;
  seal_criterion: SealCriterionTable;
  seal_application: SealApplicationTable;
  seal_answer: SealAnswerTable;
  seal_juror: SealJurorTable;
  seal_assignment: SealAssignmentTable;
  seal_score: SealScoreTable;
  seal_event: SealEventTable;
  seal_award: SealAwardTable;
  seal_evidence: SealEvidenceTable;
  seal_condition: SealConditionTable;
  task: TaskTable;
  task_digest: TaskDigestTable;
  message: MessageTable;
  message_text: MessageTextTable;
  message_recipient: MessageRecipientTable;
  message_opt_out: MessageOptOutTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type OutboxMessage = Selectable<OutboxTable>;
