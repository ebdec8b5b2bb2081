import type { Migration } from "kysely";
import type { Engine } from "../dialect";
import * as pg0000 from "./postgres/2026-11-21_0000_postgres_functions";
import { postgresMigrationPlugin } from "./postgres/translate";
import * as m0001 from "./2026-11-21_0001_foundation";
import * as m0002 from "./2026-11-21_0002_volunteers";
import * as m0003 from "./2026-11-21_0003_rooms";
import * as m0004 from "./2026-11-21_0004_coverage";
import * as m0005 from "./2026-11-21_0005_donations";
import * as m0006 from "./2026-11-21_0006_outbox_attachments";
import * as m0007 from "./2026-12-02_0007_cover_evidence";
import * as m0007b from "./2026-12-02_0007b_volunteer_list_indexes";
import * as m0008 from "./2026-12-02_0008_room_photos";
import * as m0009 from "./2026-12-02_0009_donations_coverage_and_links";
import * as m0010 from "./2026-12-02_0010_page_cache_scopes";
import * as m0012 from "./2026-12-02_0012_hours_decided_index";
import * as m0013 from "./2026-12-02_0013_volunteer_scope";
import * as m0014 from "./2026-12-02_0014_user_name_order_index";
import * as m0015 from "./2026-12-02_0015_open_needs_index";
import * as m0016 from "./2026-12-05_0016_volunteer_facts";
import * as m0017 from "./2026-12-05_0017_household_cache_scope";
import * as m0029 from "./2026-12-05_0029_room_key_pickup";
import * as m0026 from "./2026-12-05_0026_room_text_translations";
import * as m0020 from "./2026-12-05_0020_hashed_sessions";
import * as m0021 from "./2026-12-05_0021_two_factor";
import * as m0022 from "./2026-12-05_0022_form_limits";
import * as m0023 from "./2026-12-05_0023_legal_pages";
import * as m0030 from "./2026-12-05_0030_sort_and_search_keys";
import * as m0031 from "./2026-12-05_0031_booking_exclusion";
import * as m0032 from "./2026-12-05_0032_inbox_intake_index";
import * as m0045 from "./2026-12-05_0045_volunteer_live_index";
import * as m0053 from "./2026-12-05_0053_name_search_trigrams";
import * as m0033 from "./2026-12-05_0033_skill_and_room_keys";
import * as m0034 from "./2026-12-05_0034_sponsorships";
import * as m0043 from "./2026-12-05_0043_spreadsheet_import";
// One work queue (issue #16, ADR 0036)
import * as m0046 from "./2026-12-05_0046_tasks";
import * as m0041 from "./2026-12-05_0041_report_events";
import * as m0042 from "./2026-12-05_0042_report_snapshots";
import * as m0037 from "./2026-12-05_0037_association_profiles";
import * as m0038 from "./2026-12-05_0038_association_offers";
import * as m0039 from "./2026-12-05_0039_seal";
import * as m0040 from "./2026-12-05_0040_seal_evidence";
// the privacy desk (issue #17)
import * as m0048 from "./2026-12-05_0048_privacy_desk";
import * as m0047 from "./2026-12-05_0047_group_messages";
// The offers directory /angebote (issue #15).
import * as m0049 from "./2026-12-05_0049_offer_directory";
// The accounts of a role, from the role (the work queue's assignees).
import * as m0059 from "./2026-12-05_0059_user_role_by_role";
import * as m0061 from "./2026-12-06_0061_task_and_sponsorship_scopes";
import * as m0062 from "./2026-12-06_0062_volunteer_profile_name_order";
import * as m0064 from "./2026-12-06_0064_hours_list_order_indexes";
import * as m0058 from "./2026-12-05_0058_message_send_job";
// Consent texts in Persian, Turkish and Russian (issue #18).
import * as m0054 from "./2026-12-05_0054_consent_translations";
import * as m0055 from "./2026-12-05_0055_import_kinds";
// Full-text search of the offers directory (issue #15, ADR 0046).
import * as m0057 from "./2026-12-05_0057_offer_full_text";
// Category names, seal criteria and offer texts in Persian, Turkish and Russian (issue #18).
import * as m0060 from "./2026-12-06_0060_content_in_fa_tr_ru";
// The room's house rules, key pickup texts and photo descriptions in every UI language (issue #18).
import * as m0063 from "./2026-12-06_0063_room_texts_every_language";
// The room's note on the fee in every UI language (issue #18).
import * as m0065 from "./2026-12-06_0065_room_fee_note_every_language";
import * as m0067 from "./2026-12-06_0067_hours_entry_organisation";
import * as m0068 from "./2026-12-06_0068_user_email_lower_case";
import * as m0069 from "./2026-12-06_0069_report_covering_indexes";
import * as m0070 from "./2026-12-06_0070_list_counts";

/** Every migration, in order. Append new ones; never edit or remove one that has landed. */
export const migrations: Record<string, Migration> = {
  "2026-11-21_0001_foundation": m0001,
  "2026-11-21_0002_volunteers": m0002,
  "2026-11-21_0003_rooms": m0003,
  "2026-11-21_0004_coverage": m0004,
  "2026-11-21_0005_donations": m0005,
  "2026-11-21_0006_outbox_attachments": m0006,
  "2026-12-02_0007_cover_evidence": m0007,
  "2026-12-02_0007b_volunteer_list_indexes": m0007b,
  "2026-12-02_0008_room_photos": m0008,
  "2026-12-02_0009_donations_coverage_and_links": m0009,
  "2026-12-02_0010_page_cache_scopes": m0010,
  "2026-12-02_0012_hours_decided_index": m0012,
  "2026-12-02_0013_volunteer_scope": m0013,
  "2026-12-02_0014_user_name_order_index": m0014,
  "2026-12-02_0015_open_needs_index": m0015,
  "2026-12-05_0016_volunteer_facts": m0016,
  "2026-12-05_0017_household_cache_scope": m0017,
  "2026-12-05_0029_room_key_pickup": m0029,
  "2026-12-05_0026_room_text_translations": m0026,
  "2026-12-05_0020_hashed_sessions": m0020,
  "2026-12-05_0021_two_factor": m0021,
  "2026-12-05_0022_form_limits": m0022,
  "2026-12-05_0023_legal_pages": m0023,
};

// ---------------------------------------------------------------- per engine (ADR 0025)

/**
 * Migrations from 0030 on run on both engines: each module exports `migration(engine)` and
 * branches on the engine it is given (configuration, never detection) where the SQL differs.
 */
export const dualMigrations: Record<string, (engine: Engine) => Migration> = {
  "2026-12-05_0030_sort_and_search_keys": m0030.migration,
  "2026-12-05_0031_booking_exclusion": m0031.migration,
  "2026-12-05_0032_inbox_intake_index": m0032.migration,
  "2026-12-05_0045_volunteer_live_index": m0045.migration,
  "2026-12-05_0053_name_search_trigrams": m0053.migration,
  "2026-12-05_0033_skill_and_room_keys": m0033.migration,
  "2026-12-05_0034_sponsorships": m0034.migration,
  "2026-12-05_0043_spreadsheet_import": m0043.migration,
  "2026-12-05_0041_report_events": m0041.migration,
  "2026-12-05_0042_report_snapshots": m0042.migration,
  "2026-12-05_0037_association_profiles": m0037.migration,
  "2026-12-05_0038_association_offers": m0038.migration,
  "2026-12-05_0039_seal": m0039.migration,
  "2026-12-05_0040_seal_evidence": m0040.migration,
  "2026-12-05_0046_tasks": m0046.migration,
  "2026-12-05_0048_privacy_desk": m0048.migration,
  "2026-12-05_0047_group_messages": m0047.migration,
  "2026-12-05_0049_offer_directory": m0049.migration,
  "2026-12-05_0059_user_role_by_role": m0059.migration,
  "2026-12-05_0058_message_send_job": m0058.migration,
  "2026-12-05_0054_consent_translations": m0054.migration,
  "2026-12-05_0055_import_kinds": m0055.migration,
  "2026-12-05_0057_offer_full_text": m0057.migration,
  "2026-12-06_0061_task_and_sponsorship_scopes": m0061.migration,
  "2026-12-06_0060_content_in_fa_tr_ru": m0060.migration,
  "2026-12-06_0062_volunteer_profile_name_order": m0062.migration,
  "2026-12-06_0064_hours_list_order_indexes": m0064.migration,
  "2026-12-06_0063_room_texts_every_language": m0063.migration,
  "2026-12-06_0065_room_fee_note_every_language": m0065.migration,
  "2026-12-06_0067_hours_entry_organisation": m0067.migration,
  "2026-12-06_0068_user_email_lower_case": m0068.migration,
  "2026-12-06_0069_report_covering_indexes": m0069.migration,
  "2026-12-06_0070_list_counts": m0070.migration,
};

/** PostgreSQL only, before the others: the functions the translated triggers call. */
const postgresOnly: Record<string, Migration> = {
  "2026-11-21_0000_postgres_functions": pg0000,
};

/** The migrations of one engine, by name (Kysely runs them in name order). */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  const dual = Object.fromEntries(Object.entries(dualMigrations).map(([name, make]) => [name, make(engine)]));
  return engine === "postgres" ? { ...postgresOnly, ...migrations, ...dual } : { ...migrations, ...dual };
}

export { postgresMigrationPlugin };
