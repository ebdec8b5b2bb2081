import { useTranslation } from "react-i18next";
import { ValueList } from "~/components/bdi";
import type { MessageFilter } from "~/modules/messages/schema";
import { languageName } from "~/utils/language-names";

export type FilterLookups = {
  districts: Array<{ id: number; name: string }>;
  fields: Array<{ id: number; slug: string; name: string }>;
  languages: Array<{ code: string; name_native: string; name_de: string }>;
  organisations: Array<{ id: number; name: string }>;
};

/** A message's filter in words ("District: Schiefbahn, Language: Arabic"); "all active volunteers" without one. */
export function FilterSummary({ filter, lookups }: { filter: MessageFilter; lookups: FilterLookups }) {
  const { t, i18n } = useTranslation();
  const parts: string[] = [];
  const district = lookups.districts.find((d) => d.id === filter.districtId);
  if (filter.districtId) parts.push(`${t("messages:filter.district")}: ${district?.name ?? "?"}`);
  const field = lookups.fields.find((f) => f.id === filter.fieldId);
  if (filter.fieldId) parts.push(`${t("messages:filter.field")}: ${field ? t(`volunteers:fields.${field.slug}`, { defaultValue: field.name }) : "?"}`);
  const language = lookups.languages.find((l) => l.code === filter.language);
  if (filter.language) parts.push(`${t("messages:filter.language")}: ${language ? languageName(language.code, i18n.language, language.name_de) : filter.language}`);
  if (filter.skill) parts.push(`${t("messages:filter.skill")}: ${filter.skill}`);
  if (filter.sponsor) parts.push(`${t("messages:filter.sponsor")}: ${t(`messages:filter.sponsor_${filter.sponsor}`)}`);
  const organisation = lookups.organisations.find((o) => o.id === filter.organisationId);
  if (filter.organisationId) parts.push(`${t("messages:filter.organisation")}: ${organisation?.name ?? "?"}`);
  return <span>{parts.length ? <ValueList items={parts} /> : t("messages:filter.everyone")}</span>;
}
