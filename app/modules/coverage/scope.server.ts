import { organisationScope, requireOrganisationScope, type Actor, type OrganisationScope } from "~/auth/permissions";

/**
 * Which volunteers' coverage records a staff actor may see: coordinators all, association
 * members those with assignments of their organisations, everyone else none.
 */
export type StaffScope = OrganisationScope | null;

export function staffScope(actor: Actor): StaffScope {
  return organisationScope(actor, "read:assignment");
}

export function requireStaffScope(actor: Actor): OrganisationScope {
  return requireOrganisationScope(actor, "read:assignment");
}
