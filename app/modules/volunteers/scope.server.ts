import type { Actor } from "~/auth/permissions";
import { can } from "~/auth/permissions";
import { currentOrUpcomingSql } from "~/modules/coverage/cover-sql.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/errors";

/**
 * Whose volunteers an actor lists: the office all of them (`read:volunteer:any`); an association
 * member those with a current or upcoming assignment for one of their organisations
 * (`read:assigned-volunteer:own`). The two views live at different addresses (`/office/volunteers`,
 * `/verein/volunteers`), so each page asks for its own scope.
 */
export type AssociationScope = { kind: "association"; organisationIds: number[] };
export type VolunteerScope = { kind: "office" } | AssociationScope;

export function officeVolunteerScope(actor: Actor): VolunteerScope | null {
  return can(actor, "read:volunteer:any") ? { kind: "office" } : null;
}

export function associationVolunteerScope(actor: Actor): AssociationScope | null {
  const organisationIds = actor.organisationIds.filter((id) => can(actor, "read:assigned-volunteer:own", { organisationId: id }));
  return organisationIds.length ? { kind: "association", organisationIds } : null;
}

/** Volunteers with a current or upcoming assignment for one of `organisationIds` (SQL sub-query). */
export function assignedTo(organisationIds: number[], today: string) {
  return getDb()
    .selectFrom("assignment as a")
    .select("a.volunteer_user_id")
    .where("a.organisation_id", "in", organisationIds)
    .where(currentOrUpcomingSql("a", today));
}


/** Names of the member's organisations (for the organisation filter). */
export async function organisationNames(organisationIds: number[]) {
  if (!organisationIds.length) return [];
  return getDb().selectFrom("organisation").select(["id", "name"]).where("id", "in", organisationIds).orderBy("name_key").orderBy("name").orderBy("id").execute();
}

/** A volunteer's id in a route (user ids are lower-case letters and digits); anything else is a 404. */
export function parseVolunteerId(id: string | undefined): string {
  if (!id || !/^[a-z0-9]{1,40}$/.test(id)) throw notFound();
  return id;
}
