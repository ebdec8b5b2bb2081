import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { directionOf } from "~/i18n/config";
import { getFixedT, getLanguage } from "~/i18n/i18next.server";
import { badgeSvg } from "~/modules/seal/badge";
import { verifyAward } from "~/modules/seal/queries.server";
import { berlinDay, formatDate } from "~/utils/dates";
import { notFound } from "~/utils/errors";

const Code = z.string().regex(/^\d{4}-[0-9A-F]{10}$/);

/** Public: the badge of one award (year and validity; "not valid" once expired or revoked). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = Code.safeParse(params.code);
  if (!code.success) throw notFound();
  const award = await verifyAward(code.data, berlinDay(new Date()));
  if (!award) throw notFound();
  const lang = await getLanguage(request);
  const t = await getFixedT(lang, "seal");
  const valid = award.state === "valid";
  const line = valid ? t("badge.validUntil", { date: formatDate(award.validUntil, lang) }) : t("badge.notValid");
  const svg = badgeSvg({ title: t("badge.title"), year: award.awardedOn.slice(0, 4), line, label: `${t("badge.title")} ${award.awardedOn.slice(0, 4)}, ${line}` }, valid, directionOf(lang) === "rtl");
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" },
  });
}
