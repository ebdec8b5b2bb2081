/**
 * The reason an assignment was closed. The office types its own reason (free text, kept as typed);
 * a reason the system writes itself is stored as a language-neutral code and translated when it is
 * shown, so every reader sees it in their language.
 */

/** Stored when a volunteer's erasure request (Art. 17 GDPR) closes their assignments. */
export const ERASURE_CLOSE_CODE = "@erasure";

/**
 * What erasure stored before the code existed (rows written then still hold it): read as the code.
 * The only German in code on purpose: it is a stored value, not a text the UI shows.
 */
export const LEGACY_ERASURE_CLOSE_REASON = "Beendet mit der Löschung der Daten auf Wunsch der Person (Art. 17 DSGVO)";

/** Stored when the tandem (sponsorship) the assignment documents ends. */
export const TANDEM_END_CLOSE_CODE = "@tandem-ended";

/** Codes of system-written reasons; the office's free text may not be one of them. */
export const isCloseReasonCode = (value: string) => value === ERASURE_CLOSE_CODE || value === TANDEM_END_CLOSE_CODE;

/** The translation key (namespace `coverage`) of a system-written reason, or null for the office's own text. */
export function closeReasonKey(stored: string | null | undefined): string | null {
  if (stored === ERASURE_CLOSE_CODE || stored === LEGACY_ERASURE_CLOSE_REASON) return "coverage:close.reasons.erasure";
  if (stored === TANDEM_END_CLOSE_CODE) return "tandems:assignment.closed";
  return null;
}

/** The reason as shown: a system-written one translated, the office's own text as it was typed. */
export function closeReasonText(t: (key: string) => string, stored: string | null | undefined): string {
  const key = closeReasonKey(stored);
  return key ? t(key) : (stored ?? "");
}
