import type { Kysely } from "kysely";
import type { DB, ReportBlock, ReportEventKind } from "../../../db/schema";
import type { Actor } from "../../../app/auth/permissions";
import { exportVolunteers } from "../../../app/modules/exports/volunteers.server";
import { periodOf } from "../../../app/modules/reports/period";
import { buildReport } from "../../../app/modules/reports/report.server";
import { todayOf } from "../../../app/utils/dates";
import type { BenchContext, BenchModule, BenchTiming } from "../types";

const KINDS: ReportEventKind[] = ["information", "training", "meeting_point", "encounter", "other"];
const BLOCKS: ReportBlock[] = ["A", "B", "C", "D"];

/**
 * Reports (issue #16): a year of events in the register (about one per working day), two in five
 * confirmed bookings marked for the integration purpose; measured: a year's report (goal: under
 * 300 ms), the KOMM-AN view of the year, and the export of every volunteer (first byte within
 * 200 ms; autocannon measures the whole download, the in-process timing the first chunk).
 */
export const reportsBench: BenchModule = {
  name: "reports",
  requiresTables: ["report_event", "report_snapshot"],
  async generate(db: Kysely<DB>, ctx: BenchContext) {
    const year = ctx.now.getUTCFullYear();
    const at = ctx.now.toISOString();
    const rows = Array.from({ length: 250 }, (_, i) => {
      const day = new Date(Date.UTC(year, 0, 1 + Math.floor(ctx.random() * 365))).toISOString().slice(0, 10);
      return {
        day,
        kind: KINDS[Math.floor(ctx.random() * KINDS.length)],
        block: BLOCKS[Math.floor(ctx.random() * BLOCKS.length)],
        title: `Veranstaltung ${i + 1}`,
        district_id: null,
        participants: 5 + Math.floor(ctx.random() * 40),
        volunteers: 1 + Math.floor(ctx.random() * 8),
        created_by: null,
        created_at: at,
      };
    });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto("report_event").values(rows.slice(i, i + 200)).execute();
      const confirmed = await trx.selectFrom("booking").select("id").where("status", "=", "confirmed").execute();
      const marked = confirmed.filter(() => ctx.random() < 0.4).map((b) => b.id);
      for (let i = 0; i < marked.length; i += 500) await trx.updateTable("booking").set({ integration_purpose: 1 }).where("id", "in", marked.slice(i, i + 500)).execute();
    });
  },
  routes(ctx: BenchContext) {
    const year = ctx.now.getUTCFullYear();
    return [
      { name: "reports: a year", path: `/office/reports?kind=year&year=${year}`, role: "coordinator", goal: { maxP99Ms: 300, source: "issue 16" } },
      { name: "reports: KOMM-AN for a year", path: `/office/reports/komm-an?kind=year&year=${year}`, role: "coordinator" },
      { name: "reports: year as XLSX", path: `/office/reports/download/xlsx?kind=year&year=${year}`, role: "coordinator" },
      { name: "export: all volunteers as CSV", path: "/office/volunteers/export/csv", role: "coordinator" },
    ];
  },
  timings(ctx: BenchContext): BenchTiming[] {
    const year = ctx.now.getUTCFullYear();
    const today = todayOf(ctx.now);
    // A coordinator as the routes see one (the office needs no declaration to see volunteers); the id is a real user (the access log's actor).
    const actor = { userId: String((ctx.ids.users ?? [])[0] ?? ""), email: "bench@example.org", name: "Bench", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] } as unknown as Actor;
    return [
      { name: "reports: a year's report (buildReport)", run: () => buildReport(actor, { view: "overview", period: periodOf("year", `${year}-01-01`, `${year + 1}-01-01`), today }), iterations: 10, goal: { maxMs: 300, source: "issue 16" } },
      {
        name: "export: all volunteers, first byte (CSV)",
        iterations: 10,
        goal: { maxMs: 200, source: "issue 16" },
        async run() {
          const file = await exportVolunteers(actor, {}, { format: "csv", today, lang: "de" });
          const reader = file.stream.getReader();
          await reader.read();
          await reader.cancel();
        },
      },
    ];
  },
};
