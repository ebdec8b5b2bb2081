import { can, type Actor, type Permission } from "~/auth/permissions";

/**
 * Sections of the volunteer's home page (`/me`) that other modules contribute. The page
 * renders one card per entry: a title and a link (translation keys). Modules append here
 * in the same commit that adds the route, so a link never points to a missing page.
 * `permission` is the one the section's page requires for the actor's own record: a card is
 * shown only to whom that page opens (staff and association members see no hours card).
 */
export type MeSection = { id: string; titleKey: string; textKey: string; href: string; permission: Permission };

export const meSections: MeSection[] = [
  // coverage module
  { id: "assignments", titleKey: "coverage:me.assignmentsTitle", textKey: "coverage:me.assignmentsIntro", href: "/me/assignments", permission: "read:assignment:own" },
  { id: "hours", titleKey: "coverage:me.hoursTitle", textKey: "coverage:me.hoursIntro", href: "/me/hours", permission: "log:hours:own" },
  { id: "certificate", titleKey: "coverage:me.certificateTitle", textKey: "coverage:me.certificateIntro", href: "/me/certificate", permission: "read:certificate:own" },
  // rooms and donations: the person's own room requests and donation offers
  { id: "requests", titleKey: "legal:mine.title", textKey: "legal:mine.text", href: "/me/anfragen", permission: "read:account:own" },
  { id: "transports", titleKey: "donations:me.transportsTitle", textKey: "donations:me.transportsText", href: "/me/transports", permission: "read:transport:own" },
  // sponsorships: the sponsor profile and the proposals made to the volunteer
  { id: "sponsorships", titleKey: "sponsorships:me.title", textKey: "sponsorships:me.text", href: "/me/sponsorships", permission: "read:sponsorship:own" },
];

/** The sections whose page the actor may open. */
export function meSectionsFor(actor: Actor): MeSection[] {
  return meSections.filter((s) => can(actor, s.permission, { userId: actor.userId }));
}
