import { FilterSelect, FilterText } from "~/components/list-page";
import { useTranslation } from "react-i18next";
import { languageName } from "~/utils/language-names";

type Lookups = {
  districts: Array<{ id: number; name: string }>;
  languages: Array<{ code: string; name_native: string; name_de: string }>;
};

/** The filters both volunteer lists share (office and association): district, language, a part of a skill. */
export function SharedVolunteerFilters({ filters, districts, languages }: { filters: { districtId?: number; language?: string; skill?: string } } & Lookups) {
  const { t, i18n } = useTranslation();
  const all = { value: "", label: t("actions.all") };
  return (
    <>
      <FilterSelect name="districtId" label={t("volunteers:profile.district")} defaultValue={filters.districtId ? String(filters.districtId) : ""} options={[all, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
      <FilterSelect name="language" label={t("volunteers:office.language")} defaultValue={filters.language ?? ""} options={[all, ...languages.map((l) => ({ value: l.code, label: languageName(l.code, i18n.language, l.name_de) }))]} />
      <FilterText name="skill" label={t("volunteers:office.skill")} hint={t("volunteers:office.skillHint")} defaultValue={filters.skill ?? ""} maxLength={40} />
    </>
  );
}

/** "AR native, DE B2" for a list cell. */
export const languagesText = (languages: Array<{ code: string; level: string }>) => languages.map((l) => `${l.code.toUpperCase()} ${l.level}`).join(", ");
