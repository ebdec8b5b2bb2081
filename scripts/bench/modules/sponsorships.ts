import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { rankForRequest } from "../../../app/modules/sponsorships/candidates.server";
import { HELP_KINDS } from "../../../app/modules/sponsorships/schema";
import { TIME_CODES, timesToMask } from "../../../app/modules/sponsorships/times";
import { getDb } from "../../../app/utils/db.server";
import type { BenchContext, BenchModule, BenchRoute, BenchTiming } from "../types";

const REQUESTS = 1_000;
const TANDEMS = 2_000;
const MEETINGS = 20_000;

const pick = <T>(ctx: BenchContext, xs: readonly T[]) => xs[Math.floor(ctx.random() * xs.length)];
const some = <T>(ctx: BenchContext, xs: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(ctx.random() * max) }, () => pick(ctx, xs)))];

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Sponsorships at county scale (issue #14): 40 % of the volunteers with a sponsor profile, 1,000
 * requests of the bench households (with the sponsorship consent), proposals, 2,000 tandems and
 * 20,000 meetings. The first request is open: its page shows the ranked proposals (goal < 20 ms
 * for the ranking, measured in process).
 */
export const sponsorshipsBench: BenchModule = {
  name: "sponsorships",
  requiresTables: ["sponsor_profile", "sponsorship_request", "tandem", "tandem_meeting"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const at = ctx.now.toISOString();
    const volunteers = (ctx.ids.volunteers ?? []) as string[];
    const households = ((ctx.ids.households ?? []) as number[]).slice(0, REQUESTS);
    if (!volunteers.length || !households.length) return;
    await db.transaction().execute(async (trx) => {
      const districts = (await trx.selectFrom("district").select("id").execute()).map((d) => d.id);
      const languages = (await trx.selectFrom("language").select("code").orderBy("sort_order").limit(10).execute()).map((l) => l.code);
      const sponsors = volunteers.filter(() => ctx.random() < 0.4);
      await insertChunked(
        sponsors.map((user_id) => ({ user_id, willing: ctx.random() < 0.8 ? 1 : 0, capacity: pick(ctx, [1, 1, 1, 2, 3]), gender: pick(ctx, ["female", "male", null] as const), has_car: 0, district_id: pick(ctx, districts), times_mask: timesToMask(some(ctx, TIME_CODES, 6)), updated_at: at })),
        (c) => trx.insertInto("sponsor_profile").values(c).execute(),
      );
      await insertChunked(sponsors.flatMap((user_id) => some(ctx, HELP_KINDS, 3).map((help) => ({ user_id, help }))), (c) => trx.insertInto("sponsor_help").values(c).execute());
      // The rankable sponsors have had their intake talk.
      await insertChunked(sponsors, (c) => trx.updateTable("volunteer_profile").set({ intake_on: "2026-01-10" }).where("user_id", "in", c).where("intake_on", "is", null).execute());
      const text = await trx.selectFrom("household_consent_text").select("id").where("purpose", "=", "sponsorship").where("locale", "=", "de").executeTakeFirstOrThrow();
      await insertChunked(
        households.map((household_id) => ({ household_id, purpose: "sponsorship" as const, consent_text_id: text.id, language_shown: "de", volunteer_user_id: null, given_on: at.slice(0, 10), recorded_by: null, recorded_at: at, withdrawn_at: null, withdrawn_by: null })),
        (c) => trx.insertInto("household_consent").values(c).execute(),
      );
      const programme = await trx.insertInto("sponsorship_programme").values({ name: "Patenschaften der Stadt (Bench)", kind: "city", created_at: at, updated_at: at }).returning("id").executeTakeFirstOrThrow();
      const requests = households.map((household_id, i) => {
        const minors = i > 0 && ctx.random() < 0.2;
        return {
          household_id,
          first_name: `Bench ${i}`,
          source: "office" as const,
          consent_id: null,
          programme_id: null,
          district_id: pick(ctx, districts),
          times_mask: timesToMask(some(ctx, TIME_CODES, 4)),
          sponsor_gender_wish: pick(ctx, ["female", "male", null] as const),
          family_tandem: minors ? 1 : 0,
          has_minors: minors ? 1 : 0,
          locale: "de",
          note: null,
          status: i === 0 ? ("open" as const) : pick(ctx, ["open", "open", "new", "matched", "closed"] as const),
          priority: 0,
          close_reason: null,
          requested_at: new Date(ctx.now.getTime() - Math.floor(ctx.random() * 120) * 86_400_000).toISOString(),
          created_by: null,
          updated_at: at,
        };
      });
      await insertChunked(requests, (c) => trx.insertInto("sponsorship_request").values(c).execute());
      const requestIds = (await trx.selectFrom("sponsorship_request").select("id").where("first_name", "like", "Bench %").orderBy("id").execute()).map((r) => r.id);
      ctx.ids.sponsorshipRequests = requestIds;
      await insertChunked(requestIds.flatMap((request_id) => some(ctx, languages, 2).map((language_code) => ({ request_id, language_code }))), (c) => trx.insertInto("sponsorship_request_language").values(c).execute());
      await insertChunked(requestIds.flatMap((request_id) => some(ctx, HELP_KINDS, 3).map((help) => ({ request_id, help }))), (c) => trx.insertInto("sponsorship_request_help").values(c).execute());
      await insertChunked(
        Array.from({ length: 500 }, () => ({ request_id: pick(ctx, requestIds), volunteer_user_id: pick(ctx, sponsors), status: pick(ctx, ["proposed", "accepted", "declined"] as const), score: 0, proposed_at: at })),
        (c) => trx.insertInto("sponsorship_proposal").values(c).execute(),
      );
      await insertChunked(
        Array.from({ length: TANDEMS }, (_, i) => ({ code: `T-BENCH${i}`, request_id: pick(ctx, requestIds), volunteer_user_id: pick(ctx, sponsors), programme_id: programme.id, status: pick(ctx, ["first_meeting", "trial", "active", "active", "ended"] as const), started_on: "2026-03-01", created_at: at, updated_at: at })),
        (c) => trx.insertInto("tandem").values(c).execute(),
      );
      const tandemIds = (await trx.selectFrom("tandem").select("id").where("code", "like", "T-BENCH%").execute()).map((t) => t.id);
      await insertChunked(
        Array.from({ length: MEETINGS }, () => ({ tandem_id: pick(ctx, tandemIds), day: `2026-${String(1 + Math.floor(ctx.random() * 11)).padStart(2, "0")}-${String(1 + Math.floor(ctx.random() * 28)).padStart(2, "0")}`, minutes: pick(ctx, [30, 60, 90, 120]), kind: "meeting" as const, logged_at: at })),
        (c) => trx.insertInto("tandem_meeting").values(c).execute(),
      );
    });
  },
  async routes(ctx: BenchContext): Promise<BenchRoute[]> {
    const first = (ctx.ids.sponsorshipRequests ?? [])[0] ?? 1;
    return [
      { name: "office sponsorship requests", path: "/office/sponsorships", role: "coordinator" },
      { name: "office sponsorship request (ranked proposals)", path: `/office/sponsorships/requests/${first}`, role: "coordinator" },
    ];
  },
  async timings(ctx: BenchContext): Promise<BenchTiming[]> {
    const first = Number((ctx.ids.sponsorshipRequests ?? [])[0] ?? 1);
    return [{ name: "ranked proposals for one request", run: () => rankForRequest(getDb(), first, new Date()), iterations: 30, goal: { maxMs: 20, source: "issue 14" } }];
  },
};
