import type { AvailabilitySlot, VolunteerStatus } from "@db/schema";
import { permissionsOf, type Actor } from "~/auth/permissions";

/** Pure rules of the volunteer module (no database, no clock). */
export const VOLUNTEER_STATUSES = ["registered", "intake_scheduled", "active", "paused", "left"] as const satisfies readonly VolunteerStatus[];
export const LANGUAGE_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;
export const GENDERS = ["female", "male", "diverse"] as const;
export const SLOTS = ["morning", "afternoon", "evening"] as const satisfies readonly AvailabilitySlot[];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const CONSENT_PURPOSES = ["volunteer-data", "confidentiality"] as const;

/** The confidentiality declaration (Verschwiegenheitserklärung) is the consent of this purpose. */
export const DECLARATION_PURPOSE = "confidentiality" as const satisfies (typeof CONSENT_PURPOSES)[number];

/**
 * The one rule about the confidentiality declaration: a volunteer sees other people's personal
 * data (donors, households, fellow volunteers — in any module), is offered for such work and may
 * be active only while their declaration is in force (given to the newest text, not withdrawn).
 * Staff of the office (coordinators, admins) are bound by their employment and need none;
 * association members without the volunteer role sign their association's own obligation
 * (ADR 0023). `declarationInForce` comes from `hasValidDeclaration` (consents.server.ts).
 */
export function maySeeOthersPersonalData(actor: Pick<Actor, "roles">, declarationInForce: boolean): boolean {
  const held = permissionsOf(actor);
  // The office (any volunteer's record) needs none; nor does whoever has no volunteer record of their own.
  if (held.has("read:volunteer:any") || !held.has("update:volunteer:own")) return true;
  return declarationInForce;
}

/** A volunteer may be set active (and so be asked for work) only with the declaration in force. */
export function mayBecomeActive(to: VolunteerStatus, declarationInForce: boolean): boolean {
  return to !== "active" || declarationInForce;
}

/** The status workflow: registered → intake scheduled → active ⇄ paused → left (left may return). */
const TRANSITIONS: Record<VolunteerStatus, readonly VolunteerStatus[]> = {
  registered: ["intake_scheduled", "left"],
  intake_scheduled: ["registered", "active", "left"],
  active: ["paused", "left"],
  paused: ["active", "left"],
  left: ["registered"],
};

export function allowedTransitions(from: VolunteerStatus): readonly VolunteerStatus[] {
  return TRANSITIONS[from] ?? [];
}

export function canTransition(from: VolunteerStatus, to: VolunteerStatus): boolean {
  return allowedTransitions(from).includes(to);
}

/** Status changes the volunteer is told about by mail. */
export function notifiesVolunteer(to: VolunteerStatus): boolean {
  return to === "intake_scheduled" || to === "active" || to === "paused" || to === "left";
}

export type AvailabilityCell = { weekday: number; slot: AvailabilitySlot };

/** `"1-morning"` … `"7-evening"`: parses checkbox values; null when any value is not a cell. */
export function parseAvailability(values: readonly string[]): AvailabilityCell[] | null {
  const seen = new Set<string>();
  const cells: AvailabilityCell[] = [];
  for (const v of values) {
    const m = /^([1-7])-(morning|afternoon|evening)$/.exec(v);
    if (!m) return null;
    if (seen.has(v)) continue;
    seen.add(v);
    cells.push({ weekday: Number(m[1]), slot: m[2] as AvailabilitySlot });
  }
  return cells.sort((a, b) => a.weekday - b.weekday || SLOTS.indexOf(a.slot) - SLOTS.indexOf(b.slot));
}

export const cellKey = (c: AvailabilityCell) => `${c.weekday}-${c.slot}`;

export const MAX_SKILLS = 15;
export const MAX_SKILL_LENGTH = 40;

/** Free skill tags, comma or semicolon separated: trimmed, single spaces, lower case, unique. */
export function normaliseSkills(input: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of input.split(/[,;\n]/)) {
    // Kept as the person typed it ("Nachhilfe Mathe"); duplicates and searches ignore case.
    const s = raw.normalize("NFC").trim().replace(/\s+/g, " ");
    const key = skillKey(s);
    if (s && !seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** How skills compare: NFC, single spaces, lower case (German rules). */
export function skillKey(s: string): string {
  return s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("de");
}

/** Birth years accepted: adults and older teenagers (from 14), not older than 110. */
export function birthYearRange(currentYear: number) {
  return { min: currentYear - 110, max: currentYear - 14 };
}

/** The next registration step a volunteer still has to do (server-side step state). */
export function nextRegistrationStep(state: { loggedIn: boolean; hasProfile: boolean; hasConsents: boolean }): "konto" | "profil" | "einwilligung" | null {
  if (!state.loggedIn) return "konto";
  if (!state.hasProfile) return "profil";
  if (!state.hasConsents) return "einwilligung";
  return null;
}
