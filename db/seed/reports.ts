import type { Kysely } from "kysely";
import type { DB, ReportBlock, ReportEventKind } from "../schema";

/**
 * Demo data of the reports (issue #16): a few events the office organised this and last month
 * (fictitious counts), and the first confirmed room bookings marked as serving the integration
 * purpose, so the KOMM-AN view and the room occupancy plan show something.
 */
export async function seedReportsDemo(db: Kysely<DB>, now = new Date()): Promise<void> {
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const at = now.toISOString();
  const events: Array<{ day: string; kind: ReportEventKind; block: ReportBlock; title: string; participants: number; volunteers: number }> = [
    { day: day(3), kind: "meeting_point", block: "A", title: "Ankunftstreff im Begegnungscafé", participants: 18, volunteers: 4 },
    { day: day(10), kind: "encounter", block: "B", title: "Spielenachmittag für Familien", participants: 25, volunteers: 5 },
    { day: day(17), kind: "information", block: "C", title: "Infoabend: Ehrenamt in der Flüchtlingshilfe", participants: 12, volunteers: 2 },
    { day: day(35), kind: "training", block: "D", title: "Schulung: Interkulturelle Kommunikation", participants: 9, volunteers: 9 },
  ];
  await db
    .insertInto("report_event")
    .values(events.map((e) => ({ ...e, district_id: null, created_by: null, created_at: at })))
    .execute();
  const confirmed = await db.selectFrom("booking").select("id").where("status", "=", "confirmed").orderBy("starts_at").limit(3).execute();
  if (confirmed.length) await db.updateTable("booking").set({ integration_purpose: 1 }).where("id", "in", confirmed.map((b) => b.id)).execute();
}
