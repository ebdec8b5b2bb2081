import type { FieldMetadata } from "@conform-to/react";
import { SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField } from "~/components/form";
import { GENDER_WISHES } from "~/modules/sponsorships/schema";
import { HelpChoices, LanguageChoices, TimesChoices } from "./choice-fields";

type Field = FieldMetadata<any, any, string[]>;
export type RequestOptions = { districts: Array<{ id: number; name: string }>; languages: Array<{ code: string; name_native: string; name_de: string }> };

/** What both request forms ask (office and public): languages, help, times, district, gender wish, family tandem. */
export function WishFields({
  fields,
  options,
  plain,
}: {
  fields: { languages: Field; help: Field; times: Field; districtId: Field; genderWish: Field; familyTandem: Field };
  options: RequestOptions;
  /** The public form speaks to the person asking ("you"); the office form about them. */
  plain?: boolean;
}) {
  const { t } = useTranslation();
  const p = plain ? "sponsorships:public.form" : "sponsorships:request";
  return (
    <>
      <LanguageChoices field={fields.languages} legend={t(`${p}.languages`)} languages={options.languages} />
      <HelpChoices field={fields.help} legend={t(`${p}.help`)} />
      <TimesChoices field={fields.times} legend={t(`${p}.times`)} description={t(`${p}.timesHint`)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SelectField
          field={fields.districtId}
          label={t(`${p}.district`)}
          options={[{ value: "", label: t("sponsorships:request.noDistrict") }, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
        />
        <SelectField
          field={fields.genderWish}
          label={t(`${p}.genderWish`)}
          options={[{ value: "", label: t("sponsorships:genderWish.none") }, ...GENDER_WISHES.map((g) => ({ value: g, label: t(`sponsorships:genderWish.${g}`) }))]}
        />
      </SimpleGrid>
      <CheckboxField field={fields.familyTandem} label={t(`${p}.familyTandem`)} />
    </>
  );
}
