import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/permissions";
import { getActor } from "~/auth/session.server";
import { getPhotoFile } from "~/modules/rooms/photos.server";
import { notFound } from "~/utils/errors";

const FILE = /^(\d{1,15})-([0-9a-f]{16})(-klein)?\.jpg$/;
const YEAR = 365 * 24 * 3600;

/**
 * Room photos. Anonymous access is intended: they show the room, no person, and are on the
 * public room page. The URL carries a hash of the image, so a photo never changes under its
 * URL and may be cached for a year ("immutable"); ETag answers revalidations with 304. Photos
 * of an inactive room are shown to the office only, and never stored by shared caches.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const m = FILE.exec(params.file ?? "");
  if (!m) throw notFound();
  const size = m[3] ? "thumb" : "large";
  const photo = await getPhotoFile(Number(m[1]), m[2], size);
  if (!photo) throw notFound();
  if (!photo.public) {
    const actor = await getActor(request, context);
    if (!actor || !can(actor, "manage:room:any")) throw notFound();
  }
  const etag = `"${photo.version}${m[3] ?? ""}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    "Cache-Control": photo.public ? `public, max-age=${YEAR}, immutable` : "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(photo.data), { headers: { ...headers, "Content-Type": "image/jpeg", "Content-Length": String(photo.data.length) } });
}
