/**
 * Micro-benchmark of the ranked proposals for one request (issue #14: under 20 ms over the bench
 * data set): 10,000 volunteers (profiles, languages, both consents, 40 % with a sponsor profile),
 * 1,000 requests, 2,000 tandems and 20,000 meetings, in a SQLite database migrated by the real
 * migrations (a temporary file), generated with a seeded generator. Times `rankForRequest`
 * (hard filters in SQL, languages and help of the candidates, the pure ranking) for requests
 * without and with minors, and the office list's first page.
 *
 *   npx tsx scripts/bench/sponsorships.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createDatabase, migrateToLatest } from "../../db/database";
import { rankForRequest } from "../../app/modules/sponsorships/candidates.server";
import { timesToMask, TIME_CODES } from "../../app/modules/sponsorships/times";
import { HELP_KINDS } from "../../app/modules/sponsorships/schema";
import { germanSortKey } from "../../app/utils/text-keys";

const VOLUNTEERS = 10_000;
const REQUESTS = 1_000;
const TANDEMS = 2_000;
const MEETINGS = 20_000;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function main() {
  process.env.BASE_URL ??= "http://localhost:3000";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eh-sponsor-bench-"));
  const { db } = createDatabase(path.join(dir, "bench.sqlite"));
  await migrateToLatest(db);
  const random = seeded(14);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const some = <T>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(xs)))];
  const now = new Date("2026-12-05T10:00:00.000Z");
  const at = now.toISOString();
  const districts = (await db.selectFrom("district").select("id").execute()).map((d) => d.id);
  const texts = await db.selectFrom("consent_text").select(["id", "purpose"]).where("locale", "=", "de").where("version", "=", 1).execute();
  const LANGS = ["de", "en", "ar", "uk", "ru", "fa", "tr", "fr", "ku", "ti"] as const;
  const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;
  const chunked = async <T>(rows: T[], insert: (c: T[]) => Promise<unknown>, size = 400) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  const t0 = performance.now();
  const ids = Array.from({ length: VOLUNTEERS }, (_, i) => `benchvol${String(i).padStart(8, "0")}`);
  await db.transaction().execute(async (trx) => {
    await chunked(
      ids.map((id, i) => ({ id, email: `v${i}@example.org`, name: `Vol ${i}`, name_key: germanSortKey(`Vol ${i}`), password_hash: "!", email_verified_at: at, locale: "de", disabled_at: null, created_at: at, updated_at: at })),
      (c) => trx.insertInto("user").values(c).execute(),
    );
    await chunked(ids.map((user_id) => ({ user_id, role: "volunteer" as const, created_at: at })), (c) => trx.insertInto("user_role").values(c).execute());
    await chunked(
      ids.map((user_id) => ({
        user_id,
        phone: null,
        district_id: pick(districts),
        has_car: 0,
        gender: pick(["female", "male", null] as const),
        birth_year: null,
        status: pick(["active", "active", "active", "registered", "paused"] as const),
        status_changed_at: at,
        intake_on: random() < 0.9 ? "2026-01-10" : null,
        intake_notes: null,
        erased_at: null,
        created_at: at,
        updated_at: at,
      })),
      (c) => trx.insertInto("volunteer_profile").values(c).execute(),
    );
    await chunked(ids.flatMap((user_id) => some(LANGS, 3).map((language_code) => ({ user_id, language_code, level: pick(LEVELS) }))), (c) => trx.insertInto("volunteer_language").values(c).execute());
    await chunked(ids.flatMap((user_id) => texts.map((t) => ({ user_id, purpose: t.purpose, consent_text_id: t.id, given_at: at, withdrawn_at: null }))), (c) => trx.insertInto("consent_record").values(c).execute());
    const sponsors = ids.filter(() => random() < 0.4);
    await chunked(
      sponsors.map((user_id) => ({ user_id, willing: random() < 0.8 ? 1 : 0, capacity: pick([1, 1, 1, 2, 3]), gender: pick(["female", "male", null] as const), has_car: 0, district_id: pick(districts), times_mask: timesToMask(some(TIME_CODES, 6)), updated_at: at })),
      (c) => trx.insertInto("sponsor_profile").values(c).execute(),
    );
    await chunked(sponsors.flatMap((user_id) => some(HELP_KINDS, 3).map((help) => ({ user_id, help }))), (c) => trx.insertInto("sponsor_help").values(c).execute());
    const text = await trx.selectFrom("household_consent_text").select("id").where("purpose", "=", "sponsorship").where("locale", "=", "de").executeTakeFirstOrThrow();
    const programme = await trx.insertInto("sponsorship_programme").values({ name: "Stadt", kind: "city", created_at: at, updated_at: at }).returning("id").executeTakeFirstOrThrow();
    const requestIds: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const h = await trx
        .insertInto("household")
        .values({ code: `H-B${i}`, contact_name: `Haushalt ${i}`, contact_name_key: `haushalt ${i}`, contact_phone: null, contact_email: null, street: null, district_id: pick(districts), adults: 1, notes: null, erased_at: null, created_by: null, created_at: at, updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      const c = await trx
        .insertInto("household_consent")
        .values({ household_id: h.id, purpose: "sponsorship", consent_text_id: text.id, language_shown: "de", volunteer_user_id: null, given_on: "2026-01-01", recorded_by: null, recorded_at: at, withdrawn_at: null, withdrawn_by: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const minors = random() < 0.2;
      const r = await trx
        .insertInto("sponsorship_request")
        .values({
          household_id: h.id,
          first_name: `Person ${i}`,
          source: "office",
          consent_id: c.id,
          programme_id: null,
          district_id: pick(districts),
          times_mask: timesToMask(some(TIME_CODES, 4)),
          sponsor_gender_wish: pick(["female", "male", null] as const),
          family_tandem: minors ? 1 : 0,
          has_minors: minors ? 1 : 0,
          locale: "de",
          note: null,
          status: pick(["open", "open", "new", "matched", "closed"] as const),
          priority: 0,
          close_reason: null,
          requested_at: new Date(now.getTime() - Math.floor(random() * 120) * 86_400_000).toISOString(),
          created_by: null,
          updated_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      requestIds.push(r.id);
      await trx.insertInto("sponsorship_request_language").values(some(LANGS, 2).map((language_code) => ({ request_id: r.id, language_code }))).execute();
      await trx.insertInto("sponsorship_request_help").values(some(HELP_KINDS, 3).map((help) => ({ request_id: r.id, help }))).execute();
    }
    await chunked(
      Array.from({ length: 500 }, () => ({ request_id: pick(requestIds), volunteer_user_id: pick(sponsors), status: pick(["proposed", "accepted", "declined"] as const), score: 0, decline_reason: null, proposed_by: null, proposed_at: at, decided_at: null, household_agreed_at: null, household_agreed_by: null, closed_at: null })),
      (c) => trx.insertInto("sponsorship_proposal").values(c).execute(),
    );
    const tandems = Array.from({ length: TANDEMS }, (_, i) => ({
      code: `T-B${i}`,
      request_id: pick(requestIds),
      proposal_id: null,
      household_id: null,
      volunteer_user_id: pick(sponsors),
      programme_id: programme.id,
      assignment_id: null,
      status: pick(["first_meeting", "trial", "active", "active", "ended"] as const),
      started_on: "2026-03-01",
      created_by: null,
      created_at: at,
      updated_at: at,
    }));
    await chunked(tandems, (c) => trx.insertInto("tandem").values(c).execute());
    const tandemIds = (await trx.selectFrom("tandem").select("id").execute()).map((t) => t.id);
    await chunked(
      Array.from({ length: MEETINGS }, () => ({ tandem_id: pick(tandemIds), day: `2026-${String(1 + Math.floor(random() * 11)).padStart(2, "0")}-10`, minutes: 60, kind: "meeting" as const, topics: "", note: null, logged_by: null, logged_at: at, confirmed_at: null, hours_entry_id: null })),
      (c) => trx.insertInto("tandem_meeting").values(c).execute(),
    );
  });
  console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${VOLUNTEERS} volunteers, ${REQUESTS} requests, ${TANDEMS} tandems, ${MEETINGS} meetings; node ${process.version}`);

  const open = await db.selectFrom("sponsorship_request").select(["id", "has_minors"]).where("status", "in", ["new", "open"]).execute();
  const time = async (fn: () => Promise<unknown>, runs: number) => {
    for (let i = 0; i < 3; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await fn();
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    return `median ${samples[Math.floor(samples.length / 2)].toFixed(2)} ms, p95 ${samples[Math.floor(samples.length * 0.95)].toFixed(2)} ms, max ${samples[samples.length - 1].toFixed(2)} ms`;
  };
  const plain = open.filter((r) => !r.has_minors);
  const minors = open.filter((r) => r.has_minors);
  let i = 0;
  const candidates = (await rankForRequest(db, plain[0].id, now))?.length;
  console.log(`ranked proposals, one request without minors (${candidates} shown): ${await time(() => rankForRequest(db, plain[i++ % plain.length].id, now), 50)}   (goal < 20 ms)`);
  console.log(`ranked proposals, one request with minors (§ 72a check):   ${await time(() => rankForRequest(db, minors[i++ % minors.length].id, now), 50)}   (goal < 20 ms)`);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
