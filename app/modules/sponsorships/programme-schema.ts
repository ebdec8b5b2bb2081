import { z } from "zod";
import { day } from "~/modules/coverage/schema";
import { enumOf, msg, optionalText, plainText } from "~/utils/validation";

/**
 * The office's programme form (`/office/sponsorships/programmes/new` and `/:id`; shared with the
 * browser). Messages are `common:errors.*` keys or `programmes:errors.*`.
 */
export const PROGRAMME_KINDS = ["city", "funded", "association"] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
/** The ranges of the per-programme settings: the same as the CHECK constraints of migration 0034. */
export const PROGRAMME_RANGES = {
  trialWeeks: [1, 52],
  trialMeetings: [1, 50],
  checkinMonths: [1, 24],
  silenceDays: [7, 365],
  certificateMeetings: [1, 200],
} as const;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const whole = (name: keyof typeof PROGRAMME_RANGES) => {
  const [min, max] = PROGRAMME_RANGES[name];
  const range = msg("programmes:errors.range", { min, max });
  return z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? undefined : typeof v === "string" ? Number(v) : v),
    z.number({ required_error: "errors.required", invalid_type_error: range }).int(range).min(min, range).max(max, range),
  );
};
const optionalOrganisation = () =>
  z.preprocess(
    emptyToUndefined,
    z.preprocess((v) => Number(v), z.number({ invalid_type_error: "errors.invalidChoice" }).int("errors.invalidChoice").positive("errors.invalidChoice").max(Number.MAX_SAFE_INTEGER, "errors.invalidChoice")).optional(),
  );
const optionalDay = () => z.preprocess(emptyToUndefined, day().optional());

export const ProgrammeSchema = z
  .object({
    name: plainText(160),
    kind: enumOf([...PROGRAMME_KINDS]),
    organisationId: optionalOrganisation(),
    funder: optionalText(160),
    periodStart: optionalDay(),
    periodEnd: optionalDay(),
    trialWeeks: whole("trialWeeks"),
    trialMeetings: whole("trialMeetings"),
    checkinMonths: whole("checkinMonths"),
    silenceDays: whole("silenceDays"),
    certificateMeetings: whole("certificateMeetings"),
    status: enumOf(["active", "archived"]),
  })
  .superRefine((v, ctx) => {
    // An association's programme names the association that runs it (and is the organiser of its tandems' cover).
    if (v.kind === "association" && !v.organisationId) ctx.addIssue({ code: "custom", path: ["organisationId"], message: "programmes:errors.organisationRequired" });
    // A funded programme names its funder and its funding period (the period of the funding proof).
    if (v.kind === "funded") {
      if (!v.funder) ctx.addIssue({ code: "custom", path: ["funder"], message: "programmes:errors.funderRequired" });
      if (!v.periodStart) ctx.addIssue({ code: "custom", path: ["periodStart"], message: "programmes:errors.periodRequired" });
      if (!v.periodEnd) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "programmes:errors.periodRequired" });
    }
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "programmes:errors.periodOrder" });
  });
export type ProgrammeInput = z.infer<typeof ProgrammeSchema>;

/** The list's filters (query string; anything unknown is ignored, never an error). */
export const ProgrammeFiltersSchema = z.object({
  status: z.enum(["active", "archived", "all"]).optional().catch(undefined),
  kind: z.enum(PROGRAMME_KINDS).optional().catch(undefined),
});
export type ProgrammeFilters = z.infer<typeof ProgrammeFiltersSchema> & { page: number };

/** A new programme's form: the defaults of migration 0034. */
export const NEW_PROGRAMME_DEFAULTS: Record<string, string> = {
  kind: "city",
  trialWeeks: "6",
  trialMeetings: "3",
  checkinMonths: "3",
  silenceDays: "28",
  certificateMeetings: "6",
  status: "active",
};
