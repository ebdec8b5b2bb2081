import { can, type Actor } from "~/auth/permissions";
import { householdListQuery } from "~/modules/donations/households.server";
import { getFixedT } from "~/i18n/i18next.server";
import { forbidden } from "~/utils/errors";
import { EXPORT_CHUNK } from "./volunteers.server";
import { logExport } from "./log.server";
import { tableStream, type Cell, type ExportFormat } from "./writer.server";

/**
 * "Export what I filtered" of `/office/households`: the same filters (`householdListQuery`), order
 * (code) and columns as the page — codes and counts, no contact details — every page, by keyset;
 * written to the access log. The office only.
 */
export async function exportHouseholds(actor: Actor, f: { q?: string; districtId?: number }, args: { format: ExportFormat; today: string; lang: string; now?: Date; chunkSize?: number }) {
  if (!can(actor, "read:household:any") || !can(actor, "export:list:any")) throw forbidden();
  const base = householdListQuery(f);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = Number(total);
  await logExport(actor, { list: "households", format: args.format, filter: f, rows, now: args.now });
  const chunk = args.chunkSize ?? EXPORT_CHUNK;
  const t = await getFixedT(args.lang, "donations");
  const columns = [
    { header: t("household.code") },
    { header: t("household.district") },
    { header: t("household.adults"), kind: "number" as const },
    { header: t("household.children"), kind: "number" as const },
    { header: t("household.openNeeds"), kind: "number" as const },
  ];
  async function* chunks(): AsyncGenerator<Cell[][]> {
    let after: string | null = null;
    for (;;) {
      const cursor: string | null = after;
      const page = await base
        .leftJoin("district as d", "d.id", "h.district_id")
        .select((eb) => [
          "h.code",
          "d.name as district",
          "h.adults",
          eb.selectFrom("household_child").select((e) => e.fn.countAll<number>().as("n")).whereRef("household_id", "=", "h.id").as("children"),
          eb.selectFrom("donation_need").select((e) => e.fn.countAll<number>().as("n")).whereRef("household_id", "=", "h.id").where("status", "=", "open").as("openNeeds"),
        ])
        .$if(cursor !== null, (q) => q.where("h.code", ">", cursor!))
        .orderBy("h.code")
        .limit(chunk)
        .execute();
      if (!page.length) return;
      yield page.map((h) => [h.code, h.district ?? "", Number(h.adults), Number(h.children), Number(h.openNeeds)]);
      after = page[page.length - 1].code;
      if (page.length < chunk) return;
    }
  }
  return { rows, stream: tableStream(args.format, t("household.listTitle").slice(0, 31), columns, chunks()), filename: `haushalte-${args.today}.${args.format}` };
}
