import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { languageLabel, useFieldName } from "~/components/associations/fields";
import { FilterBar, FilterSelect, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listDirectory } from "~/modules/associations/directory.server";
import { associationOptions } from "~/modules/associations/lookups.server";
import { DirectoryFilterSchema } from "~/modules/associations/schema";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";
import { Lines, PlainSummary } from "~/components/plain-language";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "associations:directory.title");

// Anonymous access is intended: verified associations and their published offers, no person's data.
// Served from the page cache for anonymous visitors (scope "organisations": PUBLIC_PAGES).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filter = DirectoryFilterSchema.parse(Object.fromEntries(["field", "district", "language", "free"].map((k) => [k, url.searchParams.get(k) ?? undefined])));
  const [result, options] = await Promise.all([listDirectory(filter, pageParam(url)), associationOptions()]);
  return { filter, result, options };
}

export default function Directory() {
  const { t, i18n } = useTranslation();
  const fieldName = useFieldName();
  const { filter, result, options } = useLoaderData<typeof loader>();
  const fields = new Map(options.fields.map((f) => [f.id, fieldName(f)]));
  const languages = new Map(options.languages.map((l) => [l.code, languageLabel(l, i18n.language)]));
  const filtered = filter.field !== undefined || filter.district !== undefined || filter.language !== undefined || filter.free;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={<Lines text={t("associations:directory.intro")} />}>{t("associations:directory.title")}</PageTitle>
        <Button component={Link} to="/vereine/registrieren" variant="light">
          {t("associations:directory.register")}
        </Button>
      </Group>
      <PlainSummary lines={[t("associations:directory.summary.what"), t("associations:directory.summary.welcome"), t("associations:directory.summary.open"), t("associations:directory.summary.register")]} />
      <FilterBar label={t("associations:directory.filters")}>
        <FilterSelect
          name="field"
          label={t("associations:directory.field")}
          defaultValue={filter.field ? String(filter.field) : ""}
          options={[{ value: "", label: t("actions.all") }, ...options.fields.map((f) => ({ value: String(f.id), label: fieldName(f) }))]}
        />
        <FilterSelect
          name="district"
          label={t("associations:directory.district")}
          defaultValue={filter.district ? String(filter.district) : ""}
          options={[{ value: "", label: t("actions.all") }, ...options.districts.map((d) => ({ value: String(d.id), label: d.name }))]}
        />
        <FilterSelect
          name="language"
          label={t("associations:directory.language")}
          defaultValue={filter.language ?? ""}
          options={[{ value: "", label: t("actions.all") }, ...options.languages.map((l) => ({ value: l.code, label: languageLabel(l, i18n.language) }))]}
        />
        <FilterSelect
          name="free"
          label={t("associations:directory.cost")}
          defaultValue={filter.free ? "1" : ""}
          options={[
            { value: "", label: t("actions.all") },
            { value: "1", label: t("associations:directory.freeOnly") },
          ]}
        />
      </FilterBar>
      <Text role="status">{t("associations:directory.count", { count: result.total })}</Text>
      {result.items.length === 0 ? <Text>{t(filtered ? "associations:directory.emptyFiltered" : "associations:directory.empty")}</Text> : null}
      {result.items.map((a) => (
        <Paper key={a.id} withBorder p="lg" component="article" aria-labelledby={`association-${a.id}`}>
          <Stack gap="xs">
            <Title order={2} size="h4" id={`association-${a.id}`}>
              <Anchor component={Link} to={`/vereine/${a.id}`}>
                {a.name}
              </Anchor>
            </Title>
            <Text size="sm">
              {t(`associations:kinds.${a.kind}`)}
              {a.district ? ` · ${a.district}` : a.town ? ` · ${a.town}` : ""}
            </Text>
            {a.fields.length ? <Text size="sm">{t("associations:directory.fieldsList", { list: a.fields.map((f) => fields.get(f) ?? "").filter(Boolean).join(", ") })}</Text> : null}
            {a.languages.length ? <Text size="sm">{t("associations:directory.languagesList", { list: a.languages.map((c) => languages.get(c) ?? c).join(", ") })}</Text> : null}
            <Group gap="xs">
              {a.barrier_free ? <StatusBadge color="blue">{t("associations:directory.barrierFree")}</StatusBadge> : null}
              {a.reduced_fees ? <StatusBadge color="green">{t("associations:directory.reducedFees")}</StatusBadge> : null}
            </Group>
            {a.offers.length ? (
              <>
                <Text fw={500} size="sm">
                  {t(filtered ? "associations:directory.matchingOffers" : "associations:directory.offers")}
                </Text>
                <ul>
                  {a.offers.map((o) => (
                    <li key={o.id}>
                      <Anchor component={Link} to={`/vereine/${a.id}#angebot-${o.id}`}>
                        {o.title}
                      </Anchor>{" "}
                      · {t(`associations:costs.${o.cost}`)} · {t(`associations:targetGroups.${o.target_group}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Stack>
        </Paper>
      ))}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
