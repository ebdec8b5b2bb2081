import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { fundingCsv, fundingEvidence } from "~/modules/sponsorships/funding-evidence.server";
import { FundingQuerySchema } from "~/modules/sponsorships/meetings-schema";
import { badRequest, notFound } from "~/utils/errors";
import { dateParam } from "~/utils/params";

/** The funding evidence as CSV (UTF-8 with BOM, `;`), in the reader's language; a bad query is a 400, an unknown programme a 404. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:tandem:any");
  const url = new URL(request.url);
  const parsed = FundingQuerySchema.safeParse({ programmeId: url.searchParams.get("programmeId") ?? "", from: dateParam(url, "from"), to: dateParam(url, "to") });
  if (!parsed.success) throw badRequest();
  const evidence = await fundingEvidence(actor, parsed.data);
  if (!evidence) throw notFound();
  const body = await fundingCsv(evidence, actor.locale);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="foerdernachweis-${parsed.data.programmeId}-${parsed.data.from}-${parsed.data.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
