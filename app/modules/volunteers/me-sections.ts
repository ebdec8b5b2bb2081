/**
 * Sections of the volunteer's home page (`/me`) that other modules contribute. The page
 * renders one card per entry: a title and a link (translation keys). Modules append here
 * in the same commit that adds the route, so a link never points to a missing page.
 */
export type MeSection = { id: string; titleKey: string; textKey: string; href: string };

export const meSections: MeSection[] = [
  // coverage module
  { id: "assignments", titleKey: "coverage:me.assignmentsTitle", textKey: "coverage:me.assignmentsIntro", href: "/me/assignments" },
  { id: "hours", titleKey: "coverage:me.hoursTitle", textKey: "coverage:me.hoursIntro", href: "/me/hours" },
  { id: "certificate", titleKey: "coverage:me.certificateTitle", textKey: "coverage:me.certificateIntro", href: "/me/certificate" },
  // rooms and donations: the person's own room requests and donation offers
  { id: "requests", titleKey: "legal:mine.title", textKey: "legal:mine.text", href: "/me/anfragen" },
  { id: "transports", titleKey: "donations:me.transportsTitle", textKey: "donations:me.transportsText", href: "/me/transports" },
];
