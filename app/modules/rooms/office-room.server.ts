import type { Permission } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { parseId } from "~/utils/params";
import { getPublicRoom } from "./queries.server";

/**
 * The room of an office route (`/office/rooms/:id/…`): the actor must hold `permission`; a
 * malformed or unknown id is a 404. Inactive rooms are included (the office still manages them).
 */
export async function requireOfficeRoom(request: Request, idParam: string | undefined, permission: Permission = "manage:room:any") {
  const actor = await requireActor(request);
  requirePermission(actor, permission);
  const found = await getPublicRoom(parseId(idParam), { includeInactive: true });
  if (!found) throw new Response("Not Found", { status: 404 });
  return { actor, ...found };
}
