/**
 * Bidi isolation by construction (house style rule 11): every value placed inside translated text
 * is isolated, so it keeps its own reading order inside right-to-left (Arabic) text and does not
 * pull neighbouring punctuation or numbers into its run.
 *
 * - `isolate` (FSI … PDI): the value's direction follows its first strong character — names,
 *   addresses, free text, German content in an Arabic page.
 * - `isolateLtr` (LRI … PDI): always left-to-right — phone numbers, times, ranges, codes, e-mail
 *   addresses, which contain no strong character or must read left-to-right whatever they contain.
 *
 * In markup prefer the components of `~/components/bdi` (`<bdi>`, `dir="ltr"`); i18next wraps every
 * interpolated value in FSI … PDI for right-to-left languages (`interpolationFor`).
 */
export const FSI = "\u2068";
export const LRI = "\u2066";
export const PDI = "\u2069";

export function isolate(value: string | number): string {
  return `${FSI}${value}${PDI}`;
}

export function isolateLtr(value: string | number): string {
  return `${LRI}${value}${PDI}`;
}

/** "18:00–19:30", "3–5": a range that reads from its start in every language. */
export function formatRange(from: string | number, to: string | number): string {
  return isolateLtr(`${from}–${to}`);
}

/** A phone number as typed ("02154 493489"), never reordered. */
export function formatPhone(value: string | null | undefined): string {
  return value ? isolateLtr(value) : "";
}

/** Values joined into a list ("Deutsch (C1), Englisch (B2)") with each item isolated. */
export function joinIsolated(values: readonly string[], separator = ", "): string {
  return values.map(isolate).join(separator);
}

/** Removes the isolates again (comparisons, plain-text exports). */
export function stripIsolates(value: string): string {
  return value.replace(/[\u2066-\u2069]/g, "");
}
