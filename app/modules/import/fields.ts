/**
 * The fields a spreadsheet column can be mapped to, per kind, with the header names (German and
 * English) that suggest them. Pure data and functions: the mapping page uses them too.
 */
export const VOLUNTEER_FIELDS = [
  "externalId",
  "email",
  "name",
  "firstName",
  "lastName",
  "phone",
  "district",
  "birthYear",
  "gender",
  "languages",
  "skills",
  "fields",
  "availability",
  "hasCar",
] as const;
export type VolunteerField = (typeof VOLUNTEER_FIELDS)[number];

const VOLUNTEER_SYNONYMS: Record<VolunteerField, string[]> = {
  externalId: ["id", "nr", "nummer", "mitgliedsnummer", "mitgliedsnr", "personalnummer", "externeid", "kennung", "memberid", "membernumber", "member", "number", "externalid", "stableid", "ref", "referenz"],
  email: ["email", "emailadresse", "mail", "mailadresse", "emailaddress", "eMail"],
  name: ["name", "vollername", "vollstaendigername", "fullname", "vorundnachname", "nameundvorname", "person"],
  firstName: ["vorname", "vornamen", "firstname", "givenname", "forename", "first"],
  lastName: ["nachname", "familienname", "zuname", "lastname", "surname", "familyname", "last"],
  phone: ["telefon", "tel", "telefonnummer", "telnr", "handy", "mobil", "mobilnummer", "handynummer", "phone", "phonenumber", "telephone", "mobile", "mobilephone"],
  district: ["ortsteil", "stadtteil", "bezirk", "wohnort", "ort", "district", "quarter", "neighbourhood", "neighborhood", "area"],
  birthYear: ["geburtsjahr", "jahrgang", "geburtsdatum", "geburtstag", "geboren", "birthyear", "yearofbirth", "dateofbirth", "birthdate", "dob", "born"],
  gender: ["geschlecht", "anrede", "gender", "sex"],
  languages: ["sprachen", "sprache", "sprachkenntnisse", "fremdsprachen", "languages", "language", "spokenlanguages"],
  skills: ["faehigkeiten", "kenntnisse", "kompetenzen", "talente", "staerken", "skills", "abilities", "competences", "talents"],
  fields: ["handlungsfelder", "handlungsfeld", "interessen", "interessensgebiete", "bereiche", "einsatzbereiche", "fieldsofaction", "fieldofaction", "fields", "interests", "areas"],
  availability: ["verfuegbarkeit", "verfuegbar", "zeiten", "zeit", "wann", "availability", "available", "times", "whenavailable"],
  hasCar: ["auto", "pkw", "hatauto", "fahrzeug", "autovorhanden", "car", "hascar", "ownscar", "vehicle"],
};

/** A header folded for comparison: lower case, umlauts spelled out, only letters and digits. */
export function headerKey(header: string): string {
  const lower = header.normalize("NFC").trim().toLowerCase();
  const folded = lower
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]/g, "");
  // A header in another script keeps its letters (folded) so it can still be remembered.
  return folded || lower.replace(/[\s\p{P}]/gu, "").slice(0, 80);
}

const SYNONYM_INDEX = new Map<string, VolunteerField>();
for (const field of VOLUNTEER_FIELDS) for (const s of VOLUNTEER_SYNONYMS[field]) SYNONYM_INDEX.set(headerKey(s), field);

/**
 * One suggestion per column (or null): what the office chose for the same header last time,
 * else the field whose German or English name the header is; a field is suggested once.
 */
export function suggestMapping(headers: readonly string[], remembered: ReadonlyMap<string, string> = new Map()): (VolunteerField | null)[] {
  const taken = new Set<string>();
  const known = new Set<string>(VOLUNTEER_FIELDS);
  return headers.map((h) => {
    const key = headerKey(h);
    if (!key) return null;
    const fromMemory = remembered.get(key);
    const guess = fromMemory !== undefined ? (fromMemory === "" ? null : fromMemory) : (SYNONYM_INDEX.get(key) ?? null);
    if (!guess || !known.has(guess) || taken.has(guess)) return null;
    taken.add(guess);
    return guess as VolunteerField;
  });
}

/**
 * The mapping's problems before any row is looked at (translation keys of `import`). A name is not
 * needed here: a sheet may only update people (e-mail and phone); a row that creates one without a
 * name gets its message at the row.
 */
export function mappingProblems(mapping: readonly (string | null)[]): string[] {
  const used = mapping.filter((m): m is string => !!m);
  const problems: string[] = [];
  const dupes = used.filter((m, i) => used.indexOf(m) !== i);
  if (dupes.length) problems.push("import:errors.fieldTwice");
  if (!used.includes("email") && !used.includes("externalId")) problems.push("import:errors.needIdentity");
  return problems;
}
