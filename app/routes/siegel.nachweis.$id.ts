import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/session.server";
import { getEvidenceFile } from "~/modules/seal/evidence.server";
import { notFound } from "~/utils/errors";
import { parseId } from "~/utils/params";

/**
 * One evidence file of a seal application, as a download: for the association's members, the
 * office and the jurors who declared no conflict (`getEvidenceFile` decides); anyone else a 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const file = await getEvidenceFile(actor, parseId(params.id));
  if (!file) throw notFound();
  const ascii = file.file_name.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": file.mime,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
