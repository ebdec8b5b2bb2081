import { env } from "~/utils/env.server";

/** The § 72a certificate rules as configured (months and years; see the README's table). */
export const certificateConfig = () => {
  const e = env();
  return { maxAgeMonths: e.CERT_MAX_AGE_MONTHS, reinspectYears: e.CERT_REINSPECT_YEARS, deleteAfterMonths: e.CERT_DELETE_AFTER_MONTHS, reminderDays: e.CERT_REMINDER_DAYS };
};

/** The Ehrenamtskarte NRW thresholds as configured. */
export function eligibilityConfig() {
  const e = env();
  return { hoursPerYear: e.EHRENAMTSKARTE_HOURS_PER_YEAR, hoursPerWeek: e.EHRENAMTSKARTE_HOURS_PER_WEEK };
}
