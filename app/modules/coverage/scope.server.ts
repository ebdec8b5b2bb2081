import { can, type Actor } from "~/auth/permissions";

/**
 * Which volunteers' coverage records a staff actor may see: coordinators all, association
 * members those with assignments of their organisations, everyone else none.
 */
export type StaffScope = { all: true } | { all: false; organisationIds: number[] } | null;

export function staffScope(actor: Actor): StaffScope {
  if (can(actor, "read:assignment:any")) return { all: true };
  if (actor.roles.includes("association_member") && actor.organisationIds.length) return { all: false, organisationIds: actor.organisationIds };
  return null;
}

export function requireStaffScope(actor: Actor): Exclude<StaffScope, null> {
  const scope = staffScope(actor);
  if (!scope) throw new Response("Forbidden", { status: 403 });
  return scope;
}
