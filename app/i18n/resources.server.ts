import deAuth from "./locales/de/auth.json";
import deCommon from "./locales/de/common.json";
import deEmails from "./locales/de/emails.json";
import deOffice from "./locales/de/office.json";
import deVolunteers from "./locales/de/volunteers.json";
import deDonations from "./locales/de/donations.json";
import enAuth from "./locales/en/auth.json";
import enCommon from "./locales/en/common.json";
import enEmails from "./locales/en/emails.json";
import enOffice from "./locales/en/office.json";
import enVolunteers from "./locales/en/volunteers.json";
import enDonations from "./locales/en/donations.json";
import arAuth from "./locales/ar/auth.json";
import arCommon from "./locales/ar/common.json";
import arEmails from "./locales/ar/emails.json";
import arOffice from "./locales/ar/office.json";
import arVolunteers from "./locales/ar/volunteers.json";
import arDonations from "./locales/ar/donations.json";
import ukAuth from "./locales/uk/auth.json";
import ukCommon from "./locales/uk/common.json";
import ukEmails from "./locales/uk/emails.json";
import ukOffice from "./locales/uk/office.json";
import ukVolunteers from "./locales/uk/volunteers.json";
import ukDonations from "./locales/uk/donations.json";
import type { Resource } from "i18next";
import type { UiLanguage } from "./config";

export const resources: Record<UiLanguage, Resource[string]> = {
  de: { common: deCommon, auth: deAuth, office: deOffice, emails: deEmails, volunteers: deVolunteers, donations: deDonations },
  en: { common: enCommon, auth: enAuth, office: enOffice, emails: enEmails, volunteers: enVolunteers, donations: enDonations },
  ar: { common: arCommon, auth: arAuth, office: arOffice, emails: arEmails, volunteers: arVolunteers, donations: arDonations },
  uk: { common: ukCommon, auth: ukAuth, office: ukOffice, emails: ukEmails, volunteers: ukVolunteers, donations: ukDonations },
};

/** What the browser needs: the page's language without the e-mail texts. */
export function clientResources(lang: UiLanguage) {
  const { emails: _emails, ...rest } = resources[lang];
  return rest;
}
