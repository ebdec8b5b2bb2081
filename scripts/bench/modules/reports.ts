import type { Kysely } from "kysely";
import type { DB, ReportBlock, ReportEventKind } from "../../../db/schema";
import type { BenchContext, BenchModule } from "../types";

const KINDS: ReportEventKind[] = ["information", "training", "meeting_point", "encounter", "other"];
const BLOCKS: ReportBlock[] = ["A", "B", "C", "D"];

/**
 * Reports (issue #16): a year of events in the register (about one per working day), two in five
 * confirmed bookings marked for the integration purpose; measured: a year's report (goal: under
 * 300 ms), the KOMM-AN view of the year, and the export of every volunteer (first byte within
 * 200 ms; autocannon measures the whole download).
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
      { name: "reports: KOMM-AN, a year", path: `/office/reports/komm-an?kind=year&year=${year}`, role: "coordinator" },
      { name: "reports: year as XLSX", path: `/office/reports/download/xlsx?kind=year&year=${year}`, role: "coordinator" },
      { name: "export: all volunteers, CSV", path: "/office/volunteers/export/csv", role: "coordinator" },
    ];
  },
};
