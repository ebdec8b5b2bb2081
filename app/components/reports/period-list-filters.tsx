import { useTranslation } from "react-i18next";
import { FilterSelect, FilterText } from "~/components/list-page";

/**
 * A list's period filter (issue #16: a report figure links to the records behind it): the first and
 * last day (inclusive) and, where the list knows more than one meaning, what happened in the period
 * (`in`: active in it, or new in it). Plain GET fields inside the list's FilterBar.
 */
export function PeriodListFilters({ filters, kinds }: { filters: { from?: string; to?: string; in?: string }; kinds?: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {kinds ? (
        <FilterSelect name="in" label={t("reports:drill.in")} defaultValue={filters.in ?? ""} options={[{ value: "", label: t("actions.all") }, ...kinds.map((k) => ({ value: k, label: t(`reports:drill.kinds.${k}`) }))]} />
      ) : null}
      <FilterText name="from" type="date" label={t("reports:drill.from")} defaultValue={filters.from ?? ""} />
      <FilterText name="to" type="date" label={t("reports:drill.to")} defaultValue={filters.to ?? ""} />
    </>
  );
}
