import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor, requirePermission } from "~/auth/session.server";
import { getOfferPhoto } from "~/modules/donations/review.server";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

/** Offer photos are shown to the office only, never cached by shared caches. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:donation:any");
  const photo = await getOfferPhoto(actor, id);
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.data), {
    headers: { "Content-Type": photo.mime, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "Content-Disposition": "inline" },
  });
}
