import { requirePermission, type Actor, type Permission } from "~/auth/permissions";
import { parseId } from "~/utils/params";
import { getPublicRoom } from "./queries.server";
import { notFound } from "~/utils/errors";

/**
 * The room of an office route (`/office/rooms/:id/…`): the actor must hold `permission`; a
 * malformed or unknown id is a 404. Inactive rooms are included (the office still manages them).
 */
export async function requireOfficeRoom(actor: Actor, idParam: string | undefined, permission: Permission = "manage:room:any") {
  requirePermission(actor, permission);
  const found = await getPublicRoom(parseId(idParam), { includeInactive: true });
  if (!found) throw notFound();
  return { actor, ...found };
}
