import type { ImportKind } from "./limits";

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

export const ORGANISATION_FIELDS = [
  "externalId",
  "registerNumber",
  "registerCourt",
  "email",
  "name",
  "legalForm",
  "street",
  "postalCode",
  "town",
  "district",
  "website",
  "fields",
  "languages",
  "barrierFree",
  "fees",
  "reducedFees",
  "description",
  "insurer",
  "policyNumber",
  "policyValidUntil",
] as const;
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];

/** A household per row, with up to three needs (category, size, season, quantity each). */
export const NEED_SLOTS = [1, 2, 3] as const;
export const HOUSEHOLD_FIELDS = [
  "externalId",
  "contactName",
  "firstName",
  "lastName",
  "contactEmail",
  "contactPhone",
  "street",
  "district",
  "languages",
  "adults",
  "children",
  "notes",
  ...NEED_SLOTS.flatMap((n) => [`need${n}Category`, `need${n}Size`, `need${n}Season`, `need${n}Quantity`] as const),
] as const;
export type HouseholdField = (typeof HOUSEHOLD_FIELDS)[number];

export const OFFER_FIELDS = [
  "externalId",
  "donorName",
  "donorEmail",
  "donorPhone",
  "category",
  "description",
  "size",
  "season",
  "quantity",
  "condition",
  "availableUntil",
  "district",
  "pickupStreet",
  "delivery",
] as const;
export type OfferField = (typeof OFFER_FIELDS)[number];

export type ImportField = VolunteerField | OrganisationField | HouseholdField | OfferField;

export const FIELDS_BY_KIND: Record<ImportKind, readonly string[]> = {
  volunteers: VOLUNTEER_FIELDS,
  organisations: ORGANISATION_FIELDS,
  households: HOUSEHOLD_FIELDS,
  "donation-offers": OFFER_FIELDS,
};

const EXTERNAL = ["id", "nr", "nummer", "externeid", "kennung", "number", "externalid", "stableid", "ref", "referenz"];
const EMAIL = ["email", "emailadresse", "mail", "mailadresse", "emailaddress"];
const PHONE = ["telefon", "tel", "telefonnummer", "telnr", "handy", "mobil", "mobilnummer", "handynummer", "phone", "phonenumber", "telephone", "mobile", "mobilephone"];
const DISTRICT = ["ortsteil", "stadtteil", "bezirk", "district", "quarter", "neighbourhood", "neighborhood", "area"];
const LANGUAGES = ["sprachen", "sprache", "sprachkenntnisse", "fremdsprachen", "gesprochenesprachen", "languages", "language", "spokenlanguages", "languagesspoken"];
const FIELDS = ["handlungsfelder", "handlungsfeld", "interessen", "interessensgebiete", "bereiche", "einsatzbereiche", "themen", "fieldsofaction", "fieldofaction", "fields", "interests", "areas"];
const STREET = ["strasse", "str", "adresse", "anschrift", "strasseundhausnummer", "strassehausnr", "street", "address", "streetaddress"];
const SIZE = ["groesse", "kleidergroesse", "schuhgroesse", "rahmengroesse", "size"];
const SEASON = ["saison", "jahreszeit", "season"];
const QUANTITY = ["anzahl", "menge", "stueck", "stk", "quantity", "qty", "count", "pieces"];
const CATEGORY = ["kategorie", "art", "sache", "artikel", "gegenstand", "category", "item", "kind", "type"];

const SYNONYMS: Record<ImportKind, Record<string, string[]>> = {
  volunteers: {
    externalId: [...EXTERNAL, "mitgliedsnummer", "mitgliedsnr", "personalnummer", "memberid", "membernumber", "member"],
    email: [...EMAIL, "eMail"],
    name: ["name", "vollername", "vollstaendigername", "fullname", "vorundnachname", "nameundvorname", "person"],
    firstName: ["vorname", "vornamen", "firstname", "givenname", "forename", "first"],
    lastName: ["nachname", "familienname", "zuname", "lastname", "surname", "familyname", "last"],
    phone: PHONE,
    district: [...DISTRICT, "wohnort", "ort"],
    birthYear: ["geburtsjahr", "jahrgang", "geburtsdatum", "geburtstag", "geboren", "birthyear", "yearofbirth", "dateofbirth", "birthdate", "dob", "born"],
    gender: ["geschlecht", "anrede", "gender", "sex"],
    languages: LANGUAGES,
    skills: ["faehigkeiten", "kenntnisse", "kompetenzen", "talente", "staerken", "skills", "abilities", "competences", "talents"],
    fields: FIELDS,
    availability: ["verfuegbarkeit", "verfuegbar", "zeiten", "zeit", "wann", "availability", "available", "times", "whenavailable"],
    hasCar: ["auto", "pkw", "hatauto", "fahrzeug", "autovorhanden", "car", "hascar", "ownscar", "vehicle"],
  },
  organisations: {
    externalId: [...EXTERNAL, "vereinsnummer", "organisationsnummer", "orgid"],
    registerNumber: ["registernummer", "vereinsregisternummer", "vr", "vrnr", "vrnummer", "registernr", "registernumber", "registrationnumber", "register"],
    registerCourt: ["registergericht", "amtsgericht", "gericht", "registercourt", "court"],
    email: [...EMAIL, "kontaktemail", "rollenadresse", "funktionsadresse", "contactemail", "roleemail"],
    name: ["name", "vereinsname", "verein", "organisation", "organisationsname", "traeger", "initiative", "organisationname", "organization", "association", "associationname"],
    legalForm: ["rechtsform", "form", "art", "typ", "legalform", "type", "kind"],
    street: STREET,
    postalCode: ["plz", "postleitzahl", "postalcode", "postcode", "zip", "zipcode"],
    town: ["ort", "stadt", "gemeinde", "town", "city"],
    district: DISTRICT,
    website: ["website", "webseite", "homepage", "internet", "internetseite", "url", "web", "site"],
    fields: FIELDS,
    languages: LANGUAGES,
    barrierFree: ["barrierefrei", "barrierefreiheit", "rollstuhlgerecht", "barrierfree", "accessible", "wheelchairaccessible", "stepfree"],
    fees: ["beitrag", "beitraege", "mitgliedsbeitrag", "gebuehren", "kosten", "fees", "fee", "membershipfee", "costs"],
    reducedFees: ["ermaessigterbeitrag", "ermaessigung", "ermaessigt", "reducedfees", "reducedfee", "concessions"],
    description: ["beschreibung", "angebot", "taetigkeit", "description", "about"],
    insurer: ["versicherung", "versicherer", "haftpflichtversicherung", "insurer", "insurance"],
    policyNumber: ["policennummer", "versicherungsnummer", "policenr", "policy", "policynumber"],
    policyValidUntil: ["gueltigbis", "versichertbis", "policegueltigbis", "policyvaliduntil", "validuntil", "insureduntil"],
  },
  households: {
    externalId: [...EXTERNAL, "haushaltsnummer", "haushaltsnr", "code", "haushaltscode", "householdid", "householdcode", "fallnummer", "aktenzeichen"],
    contactName: ["name", "kontakt", "kontaktperson", "ansprechperson", "ansprechpartner", "haushaltsvorstand", "contact", "contactname", "contactperson", "fullname"],
    firstName: ["vorname", "vornamen", "firstname", "givenname", "forename"],
    lastName: ["nachname", "familienname", "zuname", "lastname", "surname", "familyname"],
    contactEmail: [...EMAIL, "kontaktemail", "contactemail"],
    contactPhone: PHONE,
    street: STREET,
    district: [...DISTRICT, "wohnort", "ort"],
    languages: LANGUAGES,
    adults: ["erwachsene", "anzahlerwachsene", "personen", "haushaltsgroesse", "groesse", "adults", "numberofadults", "householdsize", "size", "persons"],
    children: ["kinder", "geburtsjahrekinder", "kindergeburtsjahre", "jahrgaengekinder", "children", "childrenbirthyears", "kids"],
    notes: ["notizen", "notiz", "bemerkung", "bemerkungen", "hinweise", "notes", "note", "remarks", "comments"],
    ...Object.fromEntries(
      [1, 2, 3].flatMap((n) => [
        [`need${n}Category`, [`bedarf${n}`, `bedarf${n}kategorie`, `kategorie${n}`, `need${n}`, `need${n}category`, `category${n}`, ...(n === 1 ? ["bedarf", "kategorie", "need", "category", "item"] : [])]],
        [`need${n}Size`, [`bedarf${n}groesse`, `groesse${n}`, `need${n}size`, `size${n}`, ...(n === 1 ? ["kleidergroesse", "schuhgroesse"] : [])]],
        [`need${n}Season`, [`bedarf${n}saison`, `saison${n}`, `need${n}season`, `season${n}`, ...(n === 1 ? SEASON : [])]],
        [`need${n}Quantity`, [`bedarf${n}anzahl`, `anzahl${n}`, `menge${n}`, `need${n}quantity`, `quantity${n}`, ...(n === 1 ? QUANTITY : [])]],
      ]),
    ),
  },
  "donation-offers": {
    externalId: [...EXTERNAL, "spendennummer", "angebotsnummer", "offerid"],
    donorName: ["name", "spender", "spenderin", "spendername", "spendende", "kontakt", "donor", "donorname", "contact", "contactname"],
    donorEmail: [...EMAIL, "spenderemail", "donoremail"],
    donorPhone: [...PHONE, "spendertelefon", "donorphone"],
    category: CATEGORY,
    description: ["beschreibung", "bezeichnung", "was", "description", "details", "what"],
    size: SIZE,
    season: SEASON,
    quantity: QUANTITY,
    condition: ["zustand", "condition", "state"],
    availableUntil: ["verfuegbarbis", "bis", "abholbarbis", "gueltigbis", "availableuntil", "until", "availableto"],
    district: [...DISTRICT, "abholortsteil", "abholort", "ort", "pickupdistrict", "pickuparea"],
    pickupStreet: [...STREET, "abholadresse", "abholstrasse", "pickupaddress", "pickupstreet"],
    delivery: ["uebergabe", "lieferung", "abholung", "transport", "delivery", "handover", "pickup"],
  },
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

const SYNONYM_INDEX = Object.fromEntries(
  (Object.keys(SYNONYMS) as ImportKind[]).map((kind) => {
    const index = new Map<string, string>();
    for (const field of FIELDS_BY_KIND[kind]) for (const s of SYNONYMS[kind][field] ?? []) if (!index.has(headerKey(s))) index.set(headerKey(s), field);
    return [kind, index];
  }),
) as Record<ImportKind, Map<string, string>>;

/**
 * One suggestion per column (or null): what the office chose for the same header last time (per
 * kind), else the field whose German or English name the header is; a field is suggested once.
 */
export function suggestMapping(headers: readonly string[], remembered: ReadonlyMap<string, string> = new Map(), kind: ImportKind = "volunteers"): (string | null)[] {
  const taken = new Set<string>();
  const known = new Set<string>(FIELDS_BY_KIND[kind]);
  return headers.map((h) => {
    const key = headerKey(h);
    if (!key) return null;
    const fromMemory = remembered.get(key);
    const guess = fromMemory !== undefined ? (fromMemory === "" ? null : fromMemory) : (SYNONYM_INDEX[kind].get(key) ?? null);
    if (!guess || !known.has(guess) || taken.has(guess)) return null;
    taken.add(guess);
    return guess;
  });
}

/** What a mapping needs so rows can be matched or created: at least one of these fields. */
const IDENTITY: Record<ImportKind, string[]> = {
  volunteers: ["email", "externalId"],
  organisations: ["registerNumber", "email", "name", "externalId"],
  households: ["externalId", "contactEmail", "contactName", "firstName", "lastName"],
  "donation-offers": ["donorEmail", "externalId"],
};

const NEED_IDENTITY: Record<ImportKind, string> = {
  volunteers: "import:errors.needIdentity",
  organisations: "import:errors.needIdentityOrganisations",
  households: "import:errors.needIdentityHouseholds",
  "donation-offers": "import:errors.needIdentityOffers",
};

/**
 * The mapping's problems before any row is looked at (translation keys of `import`). A name is not
 * needed here: a sheet may only update records; a row that creates one without a name gets its
 * message at the row.
 */
export function mappingProblems(mapping: readonly (string | null)[], kind: ImportKind = "volunteers"): string[] {
  const used = mapping.filter((m): m is string => !!m);
  const problems: string[] = [];
  const dupes = used.filter((m, i) => used.indexOf(m) !== i);
  if (dupes.length) problems.push("import:errors.fieldTwice");
  if (!IDENTITY[kind].some((f) => used.includes(f))) problems.push(NEED_IDENTITY[kind]);
  return problems;
}
