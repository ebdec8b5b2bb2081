import { Anchor, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { languageLabel, useFieldName } from "~/components/associations/fields";
import { Bdi } from "~/components/bdi";
import { GermanNote, OfferDates, OfferText } from "~/components/directory/offer-bits";
import { FilterBar, FilterSelect, FilterText, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { getLanguage } from "~/i18n/i18next.server";
import { associationOptions } from "~/modules/associations/lookups.server";
import { listPublicOffers } from "~/modules/associations/offer-directory.server";
import { OFFER_FILTER_PARAMS, OfferFilterSchema, TARGET_GROUPS, WEEKDAYS } from "~/modules/associations/schema";
import { weekdayName } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";
import { Lines, PlainSummary } from "~/components/plain-language";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "directory:list.title");

// Anonymous access is intended: published offers of verified associations, no person's data.
// Served from the page cache for anonymous visitors (scope "organisations": PUBLIC_PAGES).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filter = OfferFilterSchema.parse(Object.fromEntries(OFFER_FILTER_PARAMS.map((k) => [k, url.searchParams.get(k) ?? undefined])));
  const lang = await getLanguage(request);
  const [result, options] = await Promise.all([listPublicOffers(filter, pageParam(url), lang), associationOptions()]);
  return { filter, result, options };
}

export default function OffersDirectory() {
  const { t, i18n } = useTranslation();
  const fieldName = useFieldName();
  const { filter, result, options } = useLoaderData<typeof loader>();
  const fields = new Map(options.fields.map((f) => [f.id, fieldName(f)]));
  const filtered = OFFER_FILTER_PARAMS.some((k) => (k === "free" ? filter.free : filter[k] !== undefined));
  const all = { value: "", label: t("actions.all") };
  return (
    <Stack>
      <PageTitle description={<Lines text={t("directory:list.intro")} />}>{t("directory:list.title")}</PageTitle>
      <PlainSummary lines={[t("directory:list.summary.what"), t("directory:list.summary.kinds"), t("directory:list.summary.search"), t("directory:list.summary.cost"), t("directory:list.summary.open")]} />
      <FilterBar label={t("directory:list.filters")} submitLabel={t("directory:list.search")}>
        <FilterText name="q" type="search" label={t("directory:list.q")} defaultValue={filter.q ?? ""} maxLength={32} />
        <FilterSelect name="field" label={t("directory:list.field")} defaultValue={filter.field ? String(filter.field) : ""} options={[all, ...options.fields.map((f) => ({ value: String(f.id), label: fieldName(f) }))]} />
        <FilterSelect name="district" label={t("directory:list.district")} defaultValue={filter.district ? String(filter.district) : ""} options={[all, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
        <FilterSelect
          name="language"
          label={t("directory:list.language")}
          defaultValue={filter.language ?? ""}
          options={[all, ...options.languages.map((l) => ({ value: l.code, label: languageLabel(l, i18n.language) }))]}
        />
        <FilterSelect name="target" label={t("directory:list.target")} defaultValue={filter.target ?? ""} options={[all, ...TARGET_GROUPS.map((g) => ({ value: g, label: t(`associations:targetGroups.${g}`) }))]} />
        <FilterSelect name="weekday" label={t("directory:list.weekday")} defaultValue={filter.weekday ? String(filter.weekday) : ""} options={[all, ...WEEKDAYS.map((d) => ({ value: String(d), label: weekdayName(d, i18n.language, "long") }))]} />
        <FilterSelect name="free" label={t("directory:list.cost")} defaultValue={filter.free ? "1" : ""} options={[all, { value: "1", label: t("directory:list.freeOnly") }]} />
      </FilterBar>
      <Text role="status">{t("directory:list.count", { count: result.total })}</Text>
      {result.items.length === 0 ? (
        <Text>
          <Lines text={t(filtered ? "directory:list.emptyFiltered" : "directory:list.empty")} />
        </Text>
      ) : null}
      {result.items.map((o) => (
        <Paper key={o.id} withBorder p="lg" component="article" aria-labelledby={`offer-${o.id}`}>
          <Stack gap="xs">
            <Title order={2} size="h4" id={`offer-${o.id}`}>
              <Anchor component={Link} to={`/angebote/${o.id}`}>
                <OfferText fallback={o.fallback}>{o.title}</OfferText>
              </Anchor>
            </Title>
            <Text size="sm">
              <Bdi>{o.organisation_name}</Bdi>
              {o.district ? (
                <>
                  {" · "}
                  <Bdi>{o.district}</Bdi>
                </>
              ) : null}
            </Text>
            <Group gap="xs">
              <StatusBadge color="violet">{fields.get(o.field_id) ?? ""}</StatusBadge>
              <StatusBadge color={o.cost === "free" ? "green" : "gray"}>{t(`associations:costs.${o.cost}`)}</StatusBadge>
              <StatusBadge>{t(`associations:targetGroups.${o.target_group}`)}</StatusBadge>
              {o.volunteers_wanted ? <StatusBadge color="orange">{t("directory:volunteersWanted")}</StatusBadge> : null}
            </Group>
            <OfferText fallback={o.fallback} as="p">
              {o.description}
            </OfferText>
            <GermanNote show={o.fallback} />
            <OfferDates dates={o.dates} />
          </Stack>
        </Paper>
      ))}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
