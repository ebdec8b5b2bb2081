import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "@db/schema";
import { ProfileSchema } from "~/modules/volunteers/schema";
import { email as emailRule, HOSTILE, msg, plainText } from "~/utils/validation";
import { headerKey, type VolunteerField } from "./fields";
import type { CellErrors } from "./kind.server";

/**
 * One spreadsheet row of volunteers → the values of the profile form, checked with the form's own
 * rules (`ProfileSchema`, field by field: a blank cell is no value, never an empty one).
 */
export type VolunteerValues = {
  externalId?: string;
  email?: string;
  name?: string;
  phone?: string;
  districtId?: number;
  birthYear?: number;
  gender?: "female" | "male" | "diverse";
  languages?: { code: string; level: "A1" | "A2" | "B1" | "B2" | "C1" | "C2" | "native" }[];
  skills?: string[];
  fields?: number[];
  availability?: { weekday: number; slot: "morning" | "afternoon" | "evening" }[];
  hasCar?: boolean;
};

export type { CellErrors } from "./kind.server";

export type References = {
  districts: Map<string, number>;
  fields: Map<string, number>;
  languages: Map<string, string>;
};

export const fold = (s: string) => headerKey(s);

/** Districts, fields of action and languages by every name a sheet may use (folded). */
export async function loadReferences(db: Kysely<DB>): Promise<References> {
  const [districts, fields, languages] = await Promise.all([
    db.selectFrom("district").select(["id", "name", "slug"]).where("active", "=", 1).execute(),
    db.selectFrom("field_of_action").select(["id", "name", "slug"]).where("active", "=", 1).execute(),
    db.selectFrom("language").select(["code", "name_de", "name_native"]).execute(),
  ]);
  const d = new Map<string, number>();
  for (const x of districts) for (const k of [x.name, x.slug, String(x.id)]) d.set(fold(k), x.id);
  const f = new Map<string, number>();
  for (const x of fields) for (const k of [x.name, x.slug, String(x.id)]) f.set(fold(k), x.id);
  const l = new Map<string, string>();
  for (const x of languages) for (const k of [x.code, x.name_de, x.name_native, ...(ENGLISH_LANGUAGE_NAMES[x.code] ?? [])]) l.set(fold(k), x.code);
  return { districts: d, fields: f, languages: l };
}

const ENGLISH_LANGUAGE_NAMES: Record<string, string[]> = {
  de: ["German"], en: ["English"], ar: ["Arabic"], uk: ["Ukrainian"], ru: ["Russian"], tr: ["Turkish"], fa: ["Persian", "Farsi", "Dari"],
  fr: ["French"], es: ["Spanish"], it: ["Italian"], pl: ["Polish"], ku: ["Kurdish"], ps: ["Pashto"], ti: ["Tigrinya"], so: ["Somali"],
  sq: ["Albanian"], ro: ["Romanian"], sr: ["Serbian"], hr: ["Croatian"], bs: ["Bosnian"], ur: ["Urdu"], prs: ["Dari"],
};

export const YES = new Set(["ja", "j", "yes", "y", "x", "1", "true", "wahr", "vorhanden", "نعم", "так"]);
export const NO = new Set(["nein", "n", "no", "0", "false", "falsch", "-", "لا", "ні"]);
const GENDER_WORDS: Record<string, "female" | "male" | "diverse"> = {
  weiblich: "female", w: "female", frau: "female", female: "female", f: "female", woman: "female",
  maennlich: "male", m: "male", mann: "male", herr: "male", male: "male", man: "male",
  divers: "diverse", d: "diverse", diverse: "diverse", x: "diverse",
};
const LEVEL_WORDS: Record<string, "native"> = { muttersprache: "native", muttersprachlich: "native", native: "native", mothertongue: "native", ms: "native" };
const WEEKDAY_WORDS: Record<string, number> = {
  mo: 1, montag: 1, mon: 1, monday: 1, montags: 1,
  di: 2, dienstag: 2, tue: 2, tues: 2, tuesday: 2, dienstags: 2,
  mi: 3, mittwoch: 3, wed: 3, wednesday: 3, mittwochs: 3,
  do: 4, donnerstag: 4, thu: 4, thursday: 4, donnerstags: 4,
  fr: 5, freitag: 5, fri: 5, friday: 5, freitags: 5,
  sa: 6, samstag: 6, sat: 6, saturday: 6, samstags: 6, sonnabend: 6,
  so: 7, sonntag: 7, sun: 7, sunday: 7, sonntags: 7,
};
const SLOT_WORDS: Record<string, "morning" | "afternoon" | "evening"> = {
  vormittag: "morning", vormittags: "morning", morgens: "morning", vorm: "morning", morning: "morning", morgen: "morning", am: "morning",
  nachmittag: "afternoon", nachmittags: "afternoon", nachm: "afternoon", afternoon: "afternoon", pm: "afternoon",
  abend: "evening", abends: "evening", evening: "evening",
};

/** "Arabisch B2, Deutsch (Muttersprache), en:C1" → rows of the form's language table; unknown names are errors. */
function parseLanguages(cell: string, refs: References): { rows: { code?: string; level?: string }[]; unknown: string[] } {
  const rows: { code?: string; level?: string }[] = [];
  const unknown: string[] = [];
  for (const item of cell.split(/[,;/\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const level = /\b([ABC][12])\b/i.exec(item)?.[1]?.toUpperCase();
    const words = item.replace(/\b[ABC][12]\b/gi, " ").split(/[\s():=\-–]+/).filter(Boolean);
    let native = false;
    const nameParts: string[] = [];
    for (const w of words) {
      if (LEVEL_WORDS[fold(w)]) native = true;
      else nameParts.push(w);
    }
    const code = refs.languages.get(fold(nameParts.join(" "))) ?? refs.languages.get(fold(nameParts[0] ?? ""));
    if (!code) unknown.push(item);
    else rows.push({ code, level: native ? "native" : level });
  }
  return { rows, unknown };
}

/** "Arabisch, Deutsch; en" → language codes (a level, if written, is ignored); unknown names are errors. */
export function languageCodesOf(cell: string, refs: References): { codes: string[]; unknown: string[] } {
  const parsed = parseLanguages(cell, refs);
  return { codes: [...new Set(parsed.rows.map((r) => r.code!))], unknown: parsed.unknown };
}

/** "Mo vormittags, Mittwoch abends, sat morning, 2-evening" → the form's availability values. */
function parseAvailabilityCell(cell: string): string[] | null {
  const out: string[] = [];
  for (const item of cell.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    if (/^[1-7]-(morning|afternoon|evening)$/.test(item)) {
      out.push(item);
      continue;
    }
    const words = item.split(/[\s.\-/]+/).map(fold).filter(Boolean);
    const day = words.map((w) => WEEKDAY_WORDS[w]).find((x) => x !== undefined);
    const slot = words.map((w) => SLOT_WORDS[w]).find((x) => x !== undefined);
    if (day === undefined || slot === undefined) return null;
    out.push(`${day}-${slot}`);
  }
  return out;
}

/**
 * "Gesundheit; Wohnen, Betreuung, Integration" → ids. Names may contain commas themselves, so
 * comma-separated pieces are joined until they name a field; null when something is left over.
 */
export function fieldIdsOf(cell: string, refs: References): number[] | null {
  const ids: number[] = [];
  for (const part of cell.split(/[;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const whole = refs.fields.get(fold(part));
    if (whole !== undefined) {
      ids.push(whole);
      continue;
    }
    let pending = "";
    for (const piece of part.split(",")) {
      pending = pending ? `${pending},${piece}` : piece;
      const id = refs.fields.get(fold(pending));
      if (id !== undefined) {
        ids.push(id);
        pending = "";
      }
    }
    if (pending.trim() !== "") return null;
  }
  return [...new Set(ids)];
}

/** "1985", "12.03.1985", "1985-03-12" → "1985"; anything else goes to the form's rule as typed. */
function birthYearOf(cell: string): string {
  const m = /^(\d{4})$/.exec(cell) ?? /^\d{1,2}\.\d{1,2}\.(\d{4})$/.exec(cell) ?? /^(\d{4})-\d{2}-\d{2}/.exec(cell);
  return m ? m[1] : cell;
}

const ExtraSchema = z.object({
  email: emailRule().optional(),
  externalId: plainText(60).optional(),
});
const PartialProfile = ProfileSchema.partial();
const MAX_SKILLS_TEXT = 800;

/** A schema's answer; a rule that throws on a value it did not expect counts as an invalid value. */
export function safely<S extends z.ZodTypeAny>(schema: S, value: unknown): z.SafeParseReturnType<unknown, z.output<S>> {
  try {
    return schema.safeParse(value);
  } catch {
    return { success: false, error: new z.ZodError([{ code: "custom", path: [], message: "errors.invalid" }]) };
  }
}

/**
 * Validates one row. `mapping[col]` names the field of each column; `cells` are the row's texts
 * (with the office's fixes applied). Only non-blank cells become values.
 */
export function validateVolunteerRow(cells: readonly string[], mapping: readonly (VolunteerField | null)[], refs: References): { values: VolunteerValues; errors: CellErrors } {
  const errors: CellErrors = {};
  const add = (col: number, message: string) => (errors[String(col)] ??= []).push(message);
  const colOf = new Map<VolunteerField, number>();
  mapping.forEach((f, i) => f && colOf.set(f, i));
  const cell = (f: VolunteerField) => {
    const i = colOf.get(f);
    if (i === undefined) return undefined;
    const v = (cells[i] ?? "").trim();
    return v === "" ? undefined : v;
  };

  const profileInput: Record<string, unknown> = {};
  const profileCol: Record<string, number> = {};
  const put = (key: string, value: unknown, f: VolunteerField) => {
    profileInput[key] = value;
    profileCol[key] = colOf.get(f)!;
  };

  let nameField: VolunteerField = "name";
  let name = cell("name");
  if (name === undefined && (cell("firstName") !== undefined || cell("lastName") !== undefined)) {
    name = [cell("firstName"), cell("lastName")].filter(Boolean).join(" ");
    nameField = cell("firstName") !== undefined ? "firstName" : "lastName";
  }
  if (name !== undefined) put("name", name, nameField);
  const phone = cell("phone");
  if (phone !== undefined) put("phone", phone, "phone");
  const district = cell("district");
  if (district !== undefined) {
    const id = refs.districts.get(fold(district));
    if (id === undefined) add(colOf.get("district")!, "errors.invalidChoice");
    else put("districtId", id, "district");
  }
  const birth = cell("birthYear");
  if (birth !== undefined) put("birthYear", birthYearOf(birth), "birthYear");
  const gender = cell("gender");
  if (gender !== undefined) put("gender", GENDER_WORDS[fold(gender)] ?? gender, "gender");
  const languages = cell("languages");
  if (languages !== undefined) {
    const parsed = parseLanguages(languages, refs);
    if (parsed.unknown.length) add(colOf.get("languages")!, `import:errors.unknownLanguage|${JSON.stringify({ value: parsed.unknown.join(", ").slice(0, 80) })}`);
    else put("languages", parsed.rows, "languages");
  }
  const skills = cell("skills");
  if (skills !== undefined) {
    // The form's first two rules, checked before the list is split (a 100 kB cell never reaches the splitting).
    if (skills.length > MAX_SKILLS_TEXT) add(colOf.get("skills")!, msg("errors.tooLong", { max: MAX_SKILLS_TEXT }));
    else if (HOSTILE.test(skills)) add(colOf.get("skills")!, "errors.forbiddenCharacters");
    else put("skills", skills, "skills");
  }
  const fields = cell("fields");
  if (fields !== undefined) {
    const ids = fieldIdsOf(fields, refs);
    if (!ids) add(colOf.get("fields")!, "errors.invalidChoice");
    else put("fields", ids, "fields");
  }
  const availability = cell("availability");
  if (availability !== undefined) {
    const parsed = parseAvailabilityCell(availability);
    if (!parsed) add(colOf.get("availability")!, "errors.invalidChoice");
    else put("availability", parsed, "availability");
  }
  const car = cell("hasCar");
  if (car !== undefined) {
    const k = car.toLowerCase();
    if (YES.has(k)) put("hasCar", "on", "hasCar");
    else if (NO.has(k)) put("hasCar", "off", "hasCar");
    else add(colOf.get("hasCar")!, "errors.invalidChoice");
  }

  const values: VolunteerValues = {};
  const parsed = safely(PartialProfile, profileInput);
  if (parsed.success) {
    const v = parsed.data;
    for (const key of Object.keys(profileInput)) (values as Record<string, unknown>)[key] = (v as Record<string, unknown>)[key];
    if (values.languages) values.languages = (v.languages ?? []).filter((l) => l.code && l.level) as VolunteerValues["languages"];
  } else {
    // Field by field (the schema has no rules across fields): good cells keep their value, so no
    // other message ("required") lands on a column that was fine.
    const shape = PartialProfile.shape as Record<string, z.ZodTypeAny>;
    for (const [key, raw] of Object.entries(profileInput)) {
      const one = safely(shape[key], raw);
      if (one.success) (values as Record<string, unknown>)[key] = key === "languages" ? (one.data as { code?: string; level?: string }[]).filter((l) => l.code && l.level) : one.data;
      else for (const issue of one.error.issues) add(profileCol[key] ?? -1, issue.message);
    }
  }

  const extraInput: Record<string, string> = {};
  const email = cell("email");
  if (email !== undefined) extraInput.email = email;
  const externalId = cell("externalId");
  if (externalId !== undefined) extraInput.externalId = externalId;
  const extra = ExtraSchema.safeParse(extraInput);
  if (extra.success) {
    if (extra.data.email) values.email = extra.data.email;
    if (extra.data.externalId) values.externalId = extra.data.externalId;
  } else {
    for (const issue of extra.error.issues) add(colOf.get(issue.path[0] as VolunteerField) ?? -1, issue.message);
  }
  // A row needs something to find or create the person by.
  if (!values.email && !values.externalId && !Object.keys(errors).length) add(colOf.get("email") ?? colOf.get("externalId") ?? -1, "import:errors.noIdentity");
  return { values, errors };
}

/** What a new volunteer needs beyond what an update needs (the form's required fields). */
export function missingForCreate(values: VolunteerValues, mapping: readonly (VolunteerField | null)[]): CellErrors {
  const errors: CellErrors = {};
  const colOf = (f: VolunteerField) => {
    const i = mapping.indexOf(f);
    return i === -1 ? -1 : i;
  };
  if (!values.email) (errors[String(colOf("email"))] ??= []).push("import:errors.emailForNew");
  if (!values.name) (errors[String(colOf("name") !== -1 ? colOf("name") : colOf("firstName"))] ??= []).push("errors.required");
  if (values.districtId === undefined) (errors[String(colOf("district"))] ??= []).push("errors.required");
  return errors;
}
