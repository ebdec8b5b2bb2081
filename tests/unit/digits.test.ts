/**
 * Issue #18: digits typed on Persian and Arabic keyboards are read as Western digits in every
 * form; dates, times and numbers are written as each language's `Intl` locale writes them.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeFormData, normalizeFormValue, normalizeSentValue, normalizeTypedValue, westernDigits } from "../../app/utils/digits";
import { formatDate, formatDateTime, formatDayLong, formatMonth, formatSlot, localDigits } from "../../app/utils/dates";

describe("typed digits", () => {
  it("reads Persian and Arabic-Indic digits as Western digits", () => {
    expect(westernDigits("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789");
    expect(westernDigits("٠١٢٣٤٥٦٧٨٩")).toBe("0123456789");
  });
  it("normalises numbers, dates, times, phone numbers and postcodes, and nothing with letters", () => {
    expect(normalizeTypedValue("۱۲")).toBe("12");
    expect(normalizeTypedValue("۲۰۲۶-۱۲-۱۸")).toBe("2026-12-18");
    expect(normalizeTypedValue("۱۸:۳۰")).toBe("18:30");
    expect(normalizeTypedValue("+۴۹ ۲۱۵۴ ۱۲۳۴۵۶")).toBe("+49 2154 123456");
    expect(normalizeTypedValue("٤٧٨٧٧")).toBe("47877");
    expect(normalizeTypedValue("۱٫۵")).toBe("1.5");
    expect(normalizeTypedValue("۱٬۲۰۰")).toBe("1200");
    expect(normalizeTypedValue("2014, ۲۰۱۹")).toBe("2014, 2019");
    // Text keeps what was typed: a message, a street with its house number.
    expect(normalizeTypedValue("ساعت ۱۸ در ورودی")).toBe("ساعت ۱۸ در ورودی");
    expect(normalizeTypedValue("Hauptstraße ۱۲")).toBe("Hauptstraße ۱۲");
    expect(normalizeTypedValue("")).toBe("");
  });
  it("normalises a whole form and leaves files and passwords alone", () => {
    const file = new File(["x"], "a.txt");
    const form = new FormData();
    form.append("attendees", "۱۲");
    form.append("attendees", "٣");
    form.append("password", "۱۲۳۴۵۶۷۸");
    form.append("photo", file);
    const out = normalizeFormData(form);
    expect(out.getAll("attendees")).toEqual(["12", "3"]);
    expect(out.get("password")).toBe("۱۲۳۴۵۶۷۸");
    expect(out.get("photo")).toBeInstanceOf(File);
    const plain = new FormData();
    plain.append("name", "Erika");
    expect(normalizeFormData(plain)).toBe(plain);
  });
  it("reads a day typed year first with / or . as an ISO day, in any digits, when it is sent (not while it is typed)", () => {
    expect(normalizeSentValue("۲۰۲۶/۱۲/۱۸")).toBe("2026-12-18");
    expect(normalizeSentValue("٢٠٢٦/١٢/٨")).toBe("2026-12-08");
    expect(normalizeSentValue("2026.1.8")).toBe("2026-01-08");
    expect(normalizeSentValue(" ۲۰۲۶/۱۲/۱۸ ")).toBe("2026-12-18");
    // Not guessed: mixed separators, numbers, times, text.
    expect(normalizeSentValue("2026/12.18")).toBe("2026/12.18");
    expect(normalizeSentValue("1.25")).toBe("1.25");
    expect(normalizeSentValue("۱۸:۳۰")).toBe("18:30");
    expect(normalizeSentValue("Termin 2026/12/18")).toBe("Termin 2026/12/18");
    // While typing only the digits change: „2026/12/1“ is not yet a day.
    expect(normalizeTypedValue("۲۰۲۶/۱۲/۱")).toBe("2026/12/1");
    const form = new FormData();
    form.append("day", "۲۰۲۶/۱۲/۱۸");
    expect(normalizeFormData(form).get("day")).toBe("2026-12-18");
  });
  it("reads a day typed day first with a four-digit year last (the German order, . / or -) as an ISO day, in any digits", () => {
    const arabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[Number(d)]);
    const persian = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
    for (const typed of ["18.12.2026", "18/12/2026", "18-12-2026", persian("18.12.2026"), persian("18/12/2026"), arabicIndic("18-12-2026"), arabicIndic("18.12.2026"), " 18.12.2026 "]) {
      expect(normalizeSentValue(typed), typed).toBe("2026-12-18");
    }
    expect(normalizeSentValue("8.1.2026")).toBe("2026-01-08");
    expect(normalizeSentValue(persian("1/2/2027"))).toBe("2027-02-01");
    // A day that cannot exist is read in the same order, so the schema answers "not a valid date".
    expect(normalizeSentValue("30.02.2026")).toBe("2026-02-30");
    // Not guessed: a two-digit year, mixed separators, a day or month out of range (a code, not a day), text.
    for (const typed of ["18.12.26", "18.12/2026", "32.12.2026", "18.13.2026", "00.12.2026", "18.12.20261", "am 18.12.2026"]) expect(normalizeSentValue(typed), typed).toBe(typed);
    // While typing only the digits change: „۱۸.۱۲.۲۰۲“ is not yet a day.
    expect(normalizeTypedValue(persian("18.12.202"))).toBe("18.12.202");
    // Every posted value reads a day so (a date field posted without JavaScript).
    expect(normalizeFormValue(persian("18.12.2026"))).toBe("2026-12-18");
    const form = new FormData();
    form.append("closedOn", arabicIndic("18/12/2026"));
    expect(normalizeFormData(form).get("closedOn")).toBe("2026-12-18");
  });
  it("reads a month typed month first with a four-digit year (12.2026, 12/2026, 12-2026) as an ISO month, in any digits", () => {
    const persian = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
    const arabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[Number(d)]);
    for (const typed of ["12.2026", "12/2026", "12-2026", persian("12.2026"), arabicIndic("12/2026")]) expect(normalizeSentValue(typed), typed).toBe("2026-12");
    expect(normalizeSentValue("3.2026")).toBe("2026-03");
    // Not guessed: no month 13 or 0, year first with a point (a decimal number), two decimal places, a postcode.
    for (const typed of ["13.2026", "0.2026", "2026.12", "12.20", "1.25", "47877", "12.26"]) expect(normalizeSentValue(typed), typed).toBe(typed);
    // Only where a day or month is expected (GET date filters, a date or month field): in any other
    // posted value „3/2026“ is a number and its year (a document reference), kept as typed.
    expect(normalizeFormValue("3/2026")).toBe("3/2026");
    expect(normalizeFormValue(persian("12.2026"))).toBe("12.2026");
    const form = new FormData();
    form.append("documentRef", "3/2026");
    expect(normalizeFormData(form).get("documentRef")).toBe("3/2026");
  });
});

describe("dates and numbers per language", () => {
  it("writes Persian digits where Intl's Persian locale does, Western digits elsewhere", () => {
    expect(new Intl.NumberFormat("fa").format(1234567890).replace(/[^\d\u06F0-\u06F9]/g, "")).toBe(localDigits("1234567890", "fa"));
    for (const lang of ["de", "en", "ar", "uk", "tr", "ru"]) expect(localDigits("2026", lang)).toBe("2026");
  });
  it("formats days and times in Persian, Turkish and Russian (Gregorian calendar, 24-hour clock)", () => {
    expect(formatDate("2026-12-18", "fa")).toBe("۲۰۲۶/۱۲/۱۸");
    expect(formatDateTime("2026-12-18T17:30:00Z", "fa")).toBe("۲۰۲۶/۱۲/۱۸ ۱۸:۳۰");
    expect(formatDayLong("2026-12-18", "fa")).toBe("جمعه، ۲۰۲۶/۱۲/۱۸");
    expect(formatMonth("2026-12-01", "fa")).toBe("دسامبر ۲۰۲۶");
    expect(formatSlot("2026-12-18T17:00:00Z", "2026-12-18T18:30:00Z", "fa")).toContain("\u2066۱۸:۰۰–۱۹:۳۰\u2069");
    expect(formatDate("2026-12-18", "tr")).toBe("18.12.2026");
    expect(formatDayLong("2026-12-18", "tr")).toBe("Cuma, 18.12.2026");
    expect(formatDateTime("2026-12-18T17:30:00Z", "ru")).toBe("18.12.2026 18:30");
    expect(formatMonth("2026-12-01", "ru")).toBe("декабрь 2026");
  });
});

describe("numbers inside translated sentences", () => {
  it("are written in the language's digits (Persian ۰–۹), on pages, in mails and in PDFs; text values keep theirs", async () => {
    const { createRequestI18n, getFixedT, getMailT } = await import("../../app/i18n/i18next.server");
    const fa = await createRequestI18n("fa");
    expect(fa.t("tasks:listLabel", { count: 12 })).toBe("\u2068۱۲\u2069 وظیفه");
    expect(fa.t("tasks:listLabel", { count: 0 })).toBe("\u2068۰\u2069 وظیفه");
    expect(fa.t("common:errors.tooLong", { max: 120 })).toContain("۱۲۰");
    expect((await getMailT("fa", "emails"))("taskDigest.fresh", { count: 3 })).toContain("۳");
    expect((await getFixedT("fa", "common"))("errors.tooLong", { max: 120 })).toContain("۱۲۰");
    // A stored text (a postcode, a code) is not a number to format.
    expect(fa.t("rooms:inbox.request", { room: "Raum 12", date: "D", time: "T", requester: "47877" })).toContain("47877");
    for (const lang of ["de", "en", "ar", "uk", "tr", "ru"] as const) expect((await createRequestI18n(lang)).t("tasks:listLabel", { count: 12 }), lang).toMatch(/12/);
  });
});

describe("filters and searches (GET forms)", () => {
  it("read Persian and Arabic-Indic digits as Western digits too", async () => {
    const { searchParam } = await import("../../app/utils/params");
    expect(searchParam(new URL("http://x/?year=%DB%B2%DB%B0%DB%B2%DB%B6"), "year")).toBe("2026");
    expect(searchParam(new URL(`http://x/?q=${encodeURIComponent("پریسا ۱۲")}`))).toBe("پریسا ۱۲");
  });
  it("read the days and months of date filters (typed as text on right-to-left pages) as ISO values", async () => {
    const { dateParam } = await import("../../app/utils/params");
    const { parsePeriod } = await import("../../app/modules/reports/period");
    const { parseHoursFilters } = await import("../../app/modules/coverage/hours-list.server");
    const url = (q: Record<string, string>) => new URL(`http://x/?${new URLSearchParams(q)}`);
    expect(dateParam(url({ from: "۲۰۲۶-۱۲-۱۸" }), "from")).toBe("2026-12-18");
    expect(dateParam(url({ from: "٢٠٢٦/١٢/١٨" }), "from")).toBe("2026-12-18");
    expect(dateParam(url({}), "from")).toBe("");
    expect(parsePeriod(url({ kind: "month", month: "۲۰۲۶-۰۳" }).searchParams, "2026-12-06").period).toMatchObject({ kind: "month", from: "2026-03-01" });
    expect(parsePeriod(url({ kind: "range", from: "۲۰۲۶-۰۳-۰۱", to: "٢٠٢٦-٠٣-١٠" }).searchParams, "2026-12-06").period).toMatchObject({ kind: "range", from: "2026-03-01" });
    expect(parseHoursFilters(url({ from: "۲۰۲۶-۰۳-۰۱", to: "۲۰۲۶/۰۳/۳۱" })).filters).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
  });
  it("read days and months typed in the German order (day or month first, four-digit year last) as ISO values", async () => {
    const { dateParam } = await import("../../app/utils/params");
    const { parsePeriod } = await import("../../app/modules/reports/period");
    const { parseHoursFilters } = await import("../../app/modules/coverage/hours-list.server");
    const url = (q: Record<string, string>) => new URL(`http://x/?${new URLSearchParams(q)}`);
    expect(dateParam(url({ from: "۱۸.۱۲.۲۰۲۶" }), "from")).toBe("2026-12-18");
    expect(dateParam(url({ from: "١٨/١٢/٢٠٢٦" }), "from")).toBe("2026-12-18");
    expect(parsePeriod(url({ kind: "month", month: "۰۳.۲۰۲۶" }).searchParams, "2026-12-06").period).toMatchObject({ kind: "month", from: "2026-03-01" });
    expect(parsePeriod(url({ kind: "range", from: "01.03.2026", to: "١٠-٠٣-٢٠٢٦" }).searchParams, "2026-12-06").period).toMatchObject({ kind: "range", from: "2026-03-01", to: "2026-03-11" }); // `to` is the first day after
    expect(parseHoursFilters(url({ from: "1.3.2026", to: "۳۱/۰۳/۲۰۲۶" })).filters).toMatchObject({ from: "2026-03-01", to: "2026-03-31" });
  });
});

/**
 * Every place a number or a date is typed reaches the normalisation above: a guard that fails when
 * a new form, field or route finds a way around it (issue #18).
 */
describe("every typed number reaches the normalisation", () => {
  const appDir = path.resolve(import.meta.dirname, "../../app");
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) return sources(file);
      return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
    });
  const files = sources(appDir).map((file) => ({ name: path.relative(appDir, file), src: fs.readFileSync(file, "utf8") }));

  it("request bodies are read only by readForm and readUploadForm, which normalise every value", () => {
    const readers = files.filter((f) => /\.formData\(|\brequest\.(json|text|arrayBuffer|blob)\(/.test(f.src)).map((f) => f.name);
    expect(readers.sort()).toEqual(["utils/forms.server.ts", "utils/uploads.server.ts"]);
    for (const name of readers) expect(files.find((f) => f.name === name)!.src, name).toContain("normalizeFormData(");
  });

  it("no field is a browser number field or Mantine's NumberInput, which drop digits typed on a Persian or Arabic keyboard", () => {
    // `<TextField type="number">` renders a text field with the digit keyboard (NumberField in
    // app/components/form.tsx); a raw `type="number"` on any other element, or Mantine's
    // NumberInput (react-number-format keeps only 0–9), keeps ۱۲ and ١٢ from the form.
    const offenders: string[] = [];
    for (const { name, src } of files) {
      if (/\bNumberInput\b/.test(src)) offenders.push(`${name}: NumberInput`);
      for (const m of src.matchAll(/type=(?:"number"|\{"number"\}|'number')/g)) {
        const element = /<([A-Za-z.]+)\b[^<]*$/.exec(src.slice(0, m.index))?.[1];
        if (element !== "TextField") offenders.push(`${name}: <${element ?? "?"} type="number">`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("every date, month and time field goes through the one component that decides picker or text field (useDateInput)", () => {
    // `<TextField type="date|month|time">`, `<FilterText type="date|month">` and `<DateTextInput>`
    // render what `useDateInput` (app/components/date-field.tsx) decides: on a Persian or Arabic
    // page a text field with the digit keyboard, since the browser's date field drops ۱۲ and ١٢.
    // Any other element with such a type, and a time field (a field named …time…, a night rest,
    // opening hours, or one with a placeholder like 18:00) without type="time", goes around it.
    const offenders: string[] = [];
    const ONE_COMPONENT = new Set(["TextField", "FilterText", "DateTextInput"]);
    for (const { name, src } of files) {
      if (name === "components/date-field.tsx") continue;
      for (const m of src.matchAll(/type=(?:"(date|month|time|datetime-local|week)"|\{"(date|month|time|datetime-local|week)"\}|'(date|month|time|datetime-local|week)')/g)) {
        const element = /<([A-Za-z.]+)\b[^<]*$/.exec(src.slice(0, m.index))?.[1];
        const kind = m[1] ?? m[2] ?? m[3];
        if (!element || !ONE_COMPONENT.has(element) || !["date", "month", "time"].includes(kind)) offenders.push(`${name}: <${element ?? "?"} type="${kind}">`);
      }
      for (const m of src.matchAll(/<(TextField|TextInput|input)\b([\s\S]*?)\/>/g)) {
        const attrs = m[2];
        const timeLike = /placeholder="\d{1,2}:\d{2}"/.test(attrs) || /(?:field|name)=\{?[^ ]*(?:[tT]ime\b|nightRest|`(?:open|close)\$)/.test(attrs);
        if (timeLike && !/type="time"/.test(attrs)) offenders.push(`${name}: <${m[1]}${attrs.slice(0, 60)}…> without type="time"`);
      }
    }
    expect(offenders).toEqual([]);
    const component = files.find((f) => f.name === "components/date-field.tsx")!.src;
    expect(component).toMatch(/inputMode: "numeric"/);
    for (const user of ["components/form.tsx", "components/list-page.tsx"]) expect(files.find((f) => f.name === user)!.src, user).toContain("useDateInput(");
  });

  it("the browser normalises a field while it is typed in, and on sending", () => {
    const client = files.find((f) => f.name === "entry.client.tsx")!.src;
    for (const event of ["input", "change", "submit"]) expect(client, event).toMatch(new RegExp(`addEventListener\\(\\s*"${event}"`));
  });
});
