import { createHash } from "node:crypto";
import deAuth from "./locales/de/auth.json";
import deCommon from "./locales/de/common.json";
import deEmails from "./locales/de/emails.json";
import deOffice from "./locales/de/office.json";
import deVolunteers from "./locales/de/volunteers.json";
import deCoverage from "./locales/de/coverage.json";
import deRooms from "./locales/de/rooms.json";
import deDonations from "./locales/de/donations.json";
import deTandems from "./locales/de/tandems.json";
import deReports from "./locales/de/reports.json";
import deSecurity from "./locales/de/security.json";
import enAuth from "./locales/en/auth.json";
import enCommon from "./locales/en/common.json";
import enEmails from "./locales/en/emails.json";
import enOffice from "./locales/en/office.json";
import enVolunteers from "./locales/en/volunteers.json";
import enCoverage from "./locales/en/coverage.json";
import enRooms from "./locales/en/rooms.json";
import enDonations from "./locales/en/donations.json";
import enTandems from "./locales/en/tandems.json";
import enReports from "./locales/en/reports.json";
import enSecurity from "./locales/en/security.json";
import arAuth from "./locales/ar/auth.json";
import arCommon from "./locales/ar/common.json";
import arEmails from "./locales/ar/emails.json";
import arOffice from "./locales/ar/office.json";
import arVolunteers from "./locales/ar/volunteers.json";
import arCoverage from "./locales/ar/coverage.json";
import arRooms from "./locales/ar/rooms.json";
import arDonations from "./locales/ar/donations.json";
import arTandems from "./locales/ar/tandems.json";
import arReports from "./locales/ar/reports.json";
import arSecurity from "./locales/ar/security.json";
import ukAuth from "./locales/uk/auth.json";
import ukCommon from "./locales/uk/common.json";
import ukEmails from "./locales/uk/emails.json";
import ukOffice from "./locales/uk/office.json";
import ukVolunteers from "./locales/uk/volunteers.json";
import ukCoverage from "./locales/uk/coverage.json";
import ukRooms from "./locales/uk/rooms.json";
import ukDonations from "./locales/uk/donations.json";
import ukTandems from "./locales/uk/tandems.json";
import ukReports from "./locales/uk/reports.json";
import ukSecurity from "./locales/uk/security.json";
import deLegal from "./locales/de/legal.json";
import deSponsorships from "./locales/de/sponsorships.json";
import enLegal from "./locales/en/legal.json";
import enSponsorships from "./locales/en/sponsorships.json";
import arLegal from "./locales/ar/legal.json";
import arSponsorships from "./locales/ar/sponsorships.json";
import ukLegal from "./locales/uk/legal.json";
import ukSponsorships from "./locales/uk/sponsorships.json";
import deImport from "./locales/de/import.json";
import enImport from "./locales/en/import.json";
import arImport from "./locales/ar/import.json";
import ukImport from "./locales/uk/import.json";
import deAssociations from "./locales/de/associations.json";
import enAssociations from "./locales/en/associations.json";
import arAssociations from "./locales/ar/associations.json";
import ukAssociations from "./locales/uk/associations.json";
import deSeal from "./locales/de/seal.json";
import enSeal from "./locales/en/seal.json";
import arSeal from "./locales/ar/seal.json";
import ukSeal from "./locales/uk/seal.json";
import deTasks from "./locales/de/tasks.json";
import enTasks from "./locales/en/tasks.json";
import arTasks from "./locales/ar/tasks.json";
import ukTasks from "./locales/uk/tasks.json";
import dePrivacy from "./locales/de/privacy.json";
import enPrivacy from "./locales/en/privacy.json";
import arPrivacy from "./locales/ar/privacy.json";
import ukPrivacy from "./locales/uk/privacy.json";
import deMessages from "./locales/de/messages.json";
import enMessages from "./locales/en/messages.json";
import arMessages from "./locales/ar/messages.json";
import ukMessages from "./locales/uk/messages.json";
import deProgrammes from "./locales/de/programmes.json";
import enProgrammes from "./locales/en/programmes.json";
import arProgrammes from "./locales/ar/programmes.json";
import ukProgrammes from "./locales/uk/programmes.json";
import deDirectory from "./locales/de/directory.json";
import enDirectory from "./locales/en/directory.json";
import arDirectory from "./locales/ar/directory.json";
import ukDirectory from "./locales/uk/directory.json";
import faCommon from "./locales/fa/common.json";
import faAuth from "./locales/fa/auth.json";
import faOffice from "./locales/fa/office.json";
import faEmails from "./locales/fa/emails.json";
import faVolunteers from "./locales/fa/volunteers.json";
import faCoverage from "./locales/fa/coverage.json";
import faRooms from "./locales/fa/rooms.json";
import faDonations from "./locales/fa/donations.json";
import faSecurity from "./locales/fa/security.json";
import faLegal from "./locales/fa/legal.json";
import faSponsorships from "./locales/fa/sponsorships.json";
import faTandems from "./locales/fa/tandems.json";
import faImport from "./locales/fa/import.json";
import faReports from "./locales/fa/reports.json";
import faAssociations from "./locales/fa/associations.json";
import faSeal from "./locales/fa/seal.json";
import faTasks from "./locales/fa/tasks.json";
import faPrivacy from "./locales/fa/privacy.json";
import faMessages from "./locales/fa/messages.json";
import faProgrammes from "./locales/fa/programmes.json";
import faDirectory from "./locales/fa/directory.json";
import trCommon from "./locales/tr/common.json";
import trAuth from "./locales/tr/auth.json";
import trOffice from "./locales/tr/office.json";
import trEmails from "./locales/tr/emails.json";
import trVolunteers from "./locales/tr/volunteers.json";
import trCoverage from "./locales/tr/coverage.json";
import trRooms from "./locales/tr/rooms.json";
import trDonations from "./locales/tr/donations.json";
import trSecurity from "./locales/tr/security.json";
import trLegal from "./locales/tr/legal.json";
import trSponsorships from "./locales/tr/sponsorships.json";
import trTandems from "./locales/tr/tandems.json";
import trImport from "./locales/tr/import.json";
import trReports from "./locales/tr/reports.json";
import trAssociations from "./locales/tr/associations.json";
import trSeal from "./locales/tr/seal.json";
import trTasks from "./locales/tr/tasks.json";
import trPrivacy from "./locales/tr/privacy.json";
import trMessages from "./locales/tr/messages.json";
import trProgrammes from "./locales/tr/programmes.json";
import trDirectory from "./locales/tr/directory.json";
import ruCommon from "./locales/ru/common.json";
import ruAuth from "./locales/ru/auth.json";
import ruOffice from "./locales/ru/office.json";
import ruEmails from "./locales/ru/emails.json";
import ruVolunteers from "./locales/ru/volunteers.json";
import ruCoverage from "./locales/ru/coverage.json";
import ruRooms from "./locales/ru/rooms.json";
import ruDonations from "./locales/ru/donations.json";
import ruSecurity from "./locales/ru/security.json";
import ruLegal from "./locales/ru/legal.json";
import ruSponsorships from "./locales/ru/sponsorships.json";
import ruTandems from "./locales/ru/tandems.json";
import ruImport from "./locales/ru/import.json";
import ruReports from "./locales/ru/reports.json";
import ruAssociations from "./locales/ru/associations.json";
import ruSeal from "./locales/ru/seal.json";
import ruTasks from "./locales/ru/tasks.json";
import ruPrivacy from "./locales/ru/privacy.json";
import ruMessages from "./locales/ru/messages.json";
import ruProgrammes from "./locales/ru/programmes.json";
import ruDirectory from "./locales/ru/directory.json";
import type { Resource } from "i18next";
import type { UiLanguage } from "./config";
import { TITLE_KEYS } from "./titles";

export const resources: Record<UiLanguage, Resource[string]> = {
  de: { common: deCommon, auth: deAuth, office: deOffice, emails: deEmails, volunteers: deVolunteers, coverage: deCoverage, rooms: deRooms, donations: deDonations, security: deSecurity, legal: deLegal, sponsorships: deSponsorships, tandems: deTandems, import: deImport, reports: deReports, associations: deAssociations },
  en: { common: enCommon, auth: enAuth, office: enOffice, emails: enEmails, volunteers: enVolunteers, coverage: enCoverage, rooms: enRooms, donations: enDonations, security: enSecurity, legal: enLegal, sponsorships: enSponsorships, tandems: enTandems, import: enImport, reports: enReports, associations: enAssociations },
  ar: { common: arCommon, auth: arAuth, office: arOffice, emails: arEmails, volunteers: arVolunteers, coverage: arCoverage, rooms: arRooms, donations: arDonations, security: arSecurity, legal: arLegal, sponsorships: arSponsorships, tandems: arTandems, import: arImport, reports: arReports, associations: arAssociations },
  uk: { common: ukCommon, auth: ukAuth, office: ukOffice, emails: ukEmails, volunteers: ukVolunteers, coverage: ukCoverage, rooms: ukRooms, donations: ukDonations, security: ukSecurity, legal: ukLegal, sponsorships: ukSponsorships, tandems: ukTandems, import: ukImport, reports: ukReports, associations: ukAssociations },
  // Persian, Turkish and Russian (issue #18): every namespace in one line per language.
  fa: { common: faCommon, auth: faAuth, office: faOffice, emails: faEmails, volunteers: faVolunteers, coverage: faCoverage, rooms: faRooms, donations: faDonations, security: faSecurity, legal: faLegal, sponsorships: faSponsorships, tandems: faTandems, import: faImport, reports: faReports, associations: faAssociations, seal: faSeal, tasks: faTasks, privacy: faPrivacy, messages: faMessages, programmes: faProgrammes, directory: faDirectory },
  tr: { common: trCommon, auth: trAuth, office: trOffice, emails: trEmails, volunteers: trVolunteers, coverage: trCoverage, rooms: trRooms, donations: trDonations, security: trSecurity, legal: trLegal, sponsorships: trSponsorships, tandems: trTandems, import: trImport, reports: trReports, associations: trAssociations, seal: trSeal, tasks: trTasks, privacy: trPrivacy, messages: trMessages, programmes: trProgrammes, directory: trDirectory },
  ru: { common: ruCommon, auth: ruAuth, office: ruOffice, emails: ruEmails, volunteers: ruVolunteers, coverage: ruCoverage, rooms: ruRooms, donations: ruDonations, security: ruSecurity, legal: ruLegal, sponsorships: ruSponsorships, tandems: ruTandems, import: ruImport, reports: ruReports, associations: ruAssociations, seal: ruSeal, tasks: ruTasks, privacy: ruPrivacy, messages: ruMessages, programmes: ruProgrammes, directory: ruDirectory },
};
// The integration seal (issue #15), added per language so other namespaces' lines stay untouched.
resources.de.seal = deSeal;
resources.en.seal = enSeal;
resources.ar.seal = arSeal;
resources.uk.seal = ukSeal;
// The office work queue (issue #16, ADR 0036).
resources.de.tasks = deTasks;
resources.en.tasks = enTasks;
resources.ar.tasks = arTasks;
resources.uk.tasks = ukTasks;
// The privacy desk (issue #17).
resources.de.privacy = dePrivacy;
resources.en.privacy = enPrivacy;
resources.ar.privacy = arPrivacy;
resources.uk.privacy = ukPrivacy;
// Messages to groups of volunteers (issue #17).
resources.de.messages = deMessages;
resources.en.messages = enMessages;
resources.ar.messages = arMessages;
resources.uk.messages = ukMessages;
// Sponsorship programmes and the associations' tandems (issue #14, ADR 0040).
resources.de.programmes = deProgrammes;
resources.en.programmes = enProgrammes;
resources.ar.programmes = arProgrammes;
resources.uk.programmes = ukProgrammes;
// The offers directory /angebote (issue #15).
resources.de.directory = deDirectory;
resources.en.directory = enDirectory;
resources.ar.directory = arDirectory;
resources.uk.directory = ukDirectory;

/** What the browser needs: the page's language without the e-mail texts. */
export function clientResources(lang: UiLanguage) {
  const { emails: _emails, ...rest } = resources[lang];
  // `_note` (who wrote the file, that German is binding) is for translators, not for the browser.
  return Object.fromEntries(Object.entries(rest).map(([ns, tree]) => [ns, withoutNote(tree)]));
}

/** A namespace without its top-level `_note` key. */
export function withoutNote<T>(tree: T): T {
  if (!tree || typeof tree !== "object" || !("_note" in tree)) return tree;
  const { _note: _n, ...rest } = tree as Record<string, unknown>;
  return rest as T;
}

const versions = new Map<string, string>();
/** A short content hash per language: the cache key of `/locales/<lang>?v=…`. */
export function resourcesVersion(lang: UiLanguage): string {
  let v = versions.get(lang);
  if (!v) {
    v = createHash("sha256").update(JSON.stringify(clientResources(lang))).digest("hex").slice(0, 12);
    versions.set(lang, v);
  }
  return v;
}

/** The page titles of a language (flat `ns:key` → text), sent with every page for `<title>`. */
const titles = new Map<UiLanguage, Record<string, string>>();
export function titlesFor(lang: UiLanguage): Record<string, string> {
  const cached = titles.get(lang);
  if (cached) return cached;
  const out: Record<string, string> = {};
  for (const key of TITLE_KEYS) {
    const [ns, path] = key.includes(":") ? key.split(":") : ["common", key];
    let node: unknown = resources[lang][ns];
    for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node === "string") out[key] = node;
  }
  titles.set(lang, out);
  return out;
}
