/**
 * Reasons the system writes (an offer expired, a consent was withdrawn …) are stored as
 * `system:<code>` and shown translated (`donations:systemReasons.<code>`); what staff type is
 * shown as typed.
 */
export const SYSTEM_REASONS = ["offerWithdrawn", "offerExpired", "needCancelled", "consentWithdrawn", "householdErased", "donorErased"] as const;
export type SystemReason = (typeof SYSTEM_REASONS)[number];

export const systemReason = (code: SystemReason) => `system:${code}`;

export function reasonText(t: (key: string) => string, reason: string): string {
  const m = /^system:(\w+)$/.exec(reason);
  return m && (SYSTEM_REASONS as readonly string[]).includes(m[1]) ? t(`donations:systemReasons.${m[1]}`) : reason;
}
