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
  const v = typing ? normalizeTypedValue(el.value) : normalizeSentValue(el.value);
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

/**
 * A value as it is sent: typed digits as Western digits (`normalizeTypedValue`), and a whole value
 * that is a day written year first with `/` or `.` as ISO (`2026-12-18`), the form every date
 * schema reads. Days in other orders („18.12.2026“) are not guessed.
 */
export function normalizeSentValue(value: string): string {
  const v = normalizeTypedValue(value);
  const day = YEAR_FIRST_DAY.exec(v.trim());
  return day ? `${day[1]}-${day[3].padStart(2, "0")}-${day[4].padStart(2, "0")}` : v;
}

// A password is a secret, not a number: kept as typed.
const SECRET_FIELD = /password|secret|token/i;

/** A copy of the form data with every typed value normalised (files and passwords are passed on untouched). */
export function normalizeFormData(formData: FormData): FormData {
  let changed = false;
  const out = new FormData();
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELD.test(name)) {
      const v = normalizeSentValue(value);
      if (v !== value) changed = true;
      out.append(name, v);
    } else out.append(name, value);
  }
  return changed ? out : formData;
}
