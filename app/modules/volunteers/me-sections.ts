/**
 * Sections of the volunteer's home page (`/me`) that other modules contribute. The page
 * renders one card per entry: a title and a link (translation keys). Modules append here
 * in the same commit that adds the route, so a link never points to a missing page.
 */
export type MeSection = { id: string; titleKey: string; textKey: string; href: string };

export const meSections: MeSection[] = [
  { id: "transports", titleKey: "donations:me.transportsTitle", textKey: "donations:me.transportsText", href: "/me/transports" },
];
