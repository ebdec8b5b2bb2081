/**
 * Counts in the UI go through i18next plurals ("1 Eintrag", "2 Einträge"): every German text with
 * `{{count}}` is a plural key (`_one`/`_other`), except where the count stands where no noun
 * agrees with it (listed here with the reason).
 */
import { describe, expect, it } from "vitest";
import { resources } from "../../app/i18n/resources.server";
import { createRequestI18n } from "../../app/i18n/i18next.server";

const NOT_PLURAL: Record<string, string> = {
  "office:inbox.more": "the count stands in brackets after the module name",
  "donations:errors.moreThanNeeded": "„Stück“ is the same in singular and plural",
  "coverage:mail.hoursPending.intro": "mail text (emails namespace family), sent to the office only for several entries",
  "emails:officeIntakeReminder.subject": "mail",
  "emails:officeIntakeReminder.intro": "mail",
  "emails:officeIntakeReminder.more": "mail",
};

function keysWithCount(ns: string, o: Record<string, unknown>, path: string[] = []): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v ? keysWithCount(ns, v as Record<string, unknown>, [...path, k]) : typeof v === "string" && v.includes("{{count}}") ? [`${ns}:${[...path, k].join(".")}`] : [],
  );
}

describe("plurals", () => {
  it("every German text with {{count}} is a plural key", () => {
    const offenders = Object.entries(resources.de)
      .flatMap(([ns, tree]) => keysWithCount(ns, tree as Record<string, unknown>))
      .filter((k) => !/_(zero|one|two|few|many|other)$/.test(k) && !(k in NOT_PLURAL));
    expect(offenders).toEqual([]);
  });
  it("one entry is singular", async () => {
    const de = await createRequestI18n("de");
    expect(de.t("pagination.summary", { page: 1, pages: 1, count: 1 })).toBe("Seite 1 von 1 (1 Eintrag)");
    expect(de.t("pagination.summary", { page: 1, pages: 2, count: 30 })).toBe("Seite 1 von 2 (30 Einträge)");
  });
});
