import deAuth from "./locales/de/auth.json";
import deCommon from "./locales/de/common.json";
import deEmails from "./locales/de/emails.json";
import deOffice from "./locales/de/office.json";
import deRooms from "./locales/de/rooms.json";
import enAuth from "./locales/en/auth.json";
import enCommon from "./locales/en/common.json";
import enEmails from "./locales/en/emails.json";
import enOffice from "./locales/en/office.json";
import enRooms from "./locales/en/rooms.json";
import arAuth from "./locales/ar/auth.json";
import arCommon from "./locales/ar/common.json";
import arEmails from "./locales/ar/emails.json";
import arOffice from "./locales/ar/office.json";
import arRooms from "./locales/ar/rooms.json";
import ukAuth from "./locales/uk/auth.json";
import ukCommon from "./locales/uk/common.json";
import ukEmails from "./locales/uk/emails.json";
import ukOffice from "./locales/uk/office.json";
import ukRooms from "./locales/uk/rooms.json";
import type { Resource } from "i18next";
import type { UiLanguage } from "./config";

export const resources: Record<UiLanguage, Resource[string]> = {
  de: { common: deCommon, auth: deAuth, office: deOffice, emails: deEmails, rooms: deRooms },
  en: { common: enCommon, auth: enAuth, office: enOffice, emails: enEmails, rooms: enRooms },
  ar: { common: arCommon, auth: arAuth, office: arOffice, emails: arEmails, rooms: arRooms },
  uk: { common: ukCommon, auth: ukAuth, office: ukOffice, emails: ukEmails, rooms: ukRooms },
};

/** What the browser needs: the page's language without the e-mail texts. */
export function clientResources(lang: UiLanguage) {
  const { emails: _emails, ...rest } = resources[lang];
  return rest;
}
