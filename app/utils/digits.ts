/**
 * Digits as people type them: Persian (۰–۹, U+06F0–U+06F9) and Arabic-Indic (٠–٩, U+0660–U+0669)
 * keyboards write their own digits. Every form value that is a number, a date, a time, a phone
 * number or a postcode – a value without letters – is read with Western digits, so the schemas
 * (`\d`, `z.coerce.number`) accept it. Text with letters (a name, a message, a street with its
 * house number) is kept exactly as typed. The one step runs on the server for every form
 * (`readForm`, `readUploadForm`) and in the browser before a form is validated (`entry.client.tsx`).
 */
const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g;
const HAS_EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/;
const LETTER = /\p{L}/u;
// Arabic decimal and thousands separators (٫ ٬) inside a typed number.
const ARABIC_DECIMAL = /(?<=[0-9])\u066B(?=[0-9])/g;
const ARABIC_THOUSANDS = /(?<=[0-9])\u066C(?=[0-9])/g;

/**
 * A form field in the browser: typed digits read as Western digits (not passwords, not free text
 * areas), so the form's own checks see the number. The caret stays where it was
 * (a digit is one character in either script; a dropped thousands separator moves it back by one).
 */
export function normalizeInputElement(el: EventTarget | null, typing = false): void {
  if (typeof HTMLInputElement === "undefined" || !(el instanceof HTMLInputElement)) return;
  if (el.type === "password" || el.type === "file" || el.type === "hidden" || el.type === "checkbox" || el.type === "radio") return;
  // While typing only the digits: „2026/12/1“ must not become „2026-12-01“ before the 8 follows.
  // A date or month field typed as text (`useDateInput` marks it) also reads a month written month first.
  const v = typing ? normalizeTypedValue(el.value) : el.dataset.dateKind ? normalizeSentValue(el.value) : normalizeFormValue(el.value);
  if (v === el.value) return;
  const caret = el.type === "text" || el.type === "search" || el.type === "tel" ? el.selectionStart : null;
  const before = caret === null ? 0 : el.value.length - caret;
  el.value = v;
  if (caret !== null && document.activeElement === el) el.setSelectionRange(v.length - before, v.length - before);
}

/**
 * While typing, only in fields that hold nothing but a number (digit keyboard: `inputMode`
 * numeric or decimal, or a phone number): text fields are read when left, so that „۱۲ خیابان“
 * keeps its digits once letters follow. Date, month and time fields typed as text have the digit
 * keyboard (`useDateInput` in `app/components/date-field.tsx`), so they are read while typed too.
 */
export function normalizeWhileTyping(el: EventTarget | null): void {
  if (typeof HTMLInputElement === "undefined" || !(el instanceof HTMLInputElement)) return;
  if (el.inputMode === "numeric" || el.inputMode === "decimal" || el.type === "tel") normalizeInputElement(el, true);
}

/** Persian and Arabic-Indic digits as Western digits, in any text. */
export function westernDigits(text: string): string {
  return text.replace(EASTERN_DIGIT, (c) => String(c.charCodeAt(0) - (c.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660)));
}

/** A typed form value: Western digits when it has no letters; anything else unchanged. */
export function normalizeTypedValue(value: string): string {
  if (!HAS_EASTERN_DIGIT.test(value) || LETTER.test(value)) return value;
  return westernDigits(value).replace(ARABIC_DECIMAL, ".").replace(ARABIC_THOUSANDS, "");
}

// A day written year first with `/` or `.` between its parts („۲۰۲۶/۱۲/۱۸“, „2026.12.18“).
const YEAR_FIRST_DAY = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/;
// A day written day first with a four-digit year last, the German order („18.12.2026“, „۱۸/۱۲/۲۰۲۶“, „18-12-2026“).
const DAY_FIRST_DAY = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;
// A month written month first with a four-digit year („12.2026“, „۱۲/۲۰۲۶“, „12-2026“).
const MONTH_FIRST_MONTH = /^(\d{1,2})([./-])(\d{4})$/;
const inRange = (n: string, max: number) => Number(n) >= 1 && Number(n) <= max;
const pad = (n: string) => n.padStart(2, "0");

/** A whole value that is a day written in another order, as ISO; anything else unchanged. */
function readDay(v: string): string {
  const t = v.trim();
  const yearFirst = YEAR_FIRST_DAY.exec(t);
  if (yearFirst) return `${yearFirst[1]}-${pad(yearFirst[3])}-${pad(yearFirst[4])}`;
  const dayFirst = DAY_FIRST_DAY.exec(t);
  if (dayFirst && inRange(dayFirst[1], 31) && inRange(dayFirst[3], 12)) return `${dayFirst[4]}-${pad(dayFirst[3])}-${pad(dayFirst[1])}`;
  return v;
}

/**
 * A form value as it is sent (every POSTed value, every field in the browser): typed digits as
 * Western digits (`normalizeTypedValue`), and a whole value that is a day written in another order
 * as ISO (`2026-12-18`), the form every date schema reads: year first with `/` or `.`, or day first
 * with a four-digit year last and `.`, `/` or `-` — the order every UI language writes (de, en-GB,
 * ar, uk, tr, ru; nothing is read month-day-year: en-US is not a UI language; ADR 0043 (9)). Day
 * first only with a day of 1–31 and a month of 1–12; two-digit years are not guessed. A month
 * written month first („3/2026“) is left alone here: in free text that is a number and its year.
 */
export function normalizeFormValue(value: string): string {
  return readDay(normalizeTypedValue(value));
}

/**
 * A value sent for a day or a month (GET date filters: `dateParam`, the reports' period, the
 * volunteer list's dates; a date or month field typed as text in the browser): as
 * `normalizeFormValue`, and a month written month first with a four-digit year („12.2026“,
 * „۱۲/۲۰۲۶“, „12-2026“, month 1–12) as ISO (`2026-12`). The only month field is a GET filter.
 */
export function normalizeSentValue(value: string): string {
  const v = normalizeFormValue(value);
  const month = MONTH_FIRST_MONTH.exec(v.trim());
  return month && inRange(month[1], 12) ? `${month[3]}-${pad(month[1])}` : v;
}

// A password is a secret, not a number: kept as typed.
const SECRET_FIELD = /password|secret|token/i;

/** A copy of the form data with every typed value normalised (files and passwords are passed on untouched). */
export function normalizeFormData(formData: FormData): FormData {
  let changed = false;
  const out = new FormData();
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELD.test(name)) {
      const v = normalizeFormValue(value);
      if (v !== value) changed = true;
      out.append(name, v);
    } else out.append(name, value);
  }
  return changed ? out : formData;
}
