import { Anchor, Badge, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr, ValueList } from "~/components/bdi";
import { DataTable, FilterBar, FilterSelect, FilterText } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { associationProgrammes, associationTandemScope, listAssociationRequests, listAssociationTandems } from "~/modules/sponsorships/association-tandems.server";
import { TANDEM_STATUSES } from "~/modules/sponsorships/tandem-rules";
import { TandemFiltersSchema } from "~/modules/sponsorships/tandem-schema";
import { formatDate, todayOf } from "~/utils/dates";
import { forbidden } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";
import { pageParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "programmes:verein.title");

/**
 * An association's members run the tandems of their own programmes (ADR 0040): the tandems (paged,
 * filtered in SQL) and the requests waiting in those programmes; nothing of any other programme.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const organisationIds = associationTandemScope(actor);
  if (!organisationIds.length) throw forbidden();
  const url = new URL(request.url);
  const filters = { ...TandemFiltersSchema.parse(Object.fromEntries(url.searchParams)), page: pageParam(url) };
  const [programmes, result, requests] = await Promise.all([associationProgrammes(organisationIds), listAssociationTandems(organisationIds, filters, todayOf()), listAssociationRequests(actor, organisationIds)]);
  return { filters, programmes, result, requests };
}

export default function AssociationTandems() {
  const { t, i18n } = useTranslation("programmes");
  const { filters, programmes, result, requests } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const all = { value: "", label: t("common:actions.all") };
  return (
    <Stack>
      <PageTitle description={t("verein.intro")}>{t("verein.title")}</PageTitle>
      {programmes.length === 0 ? (
        <Text>{t("verein.noProgramme")}</Text>
      ) : (
        <Text>
          {t("verein.programmes")}: <ValueList items={programmes.map((p) => p.name)} />
        </Text>
      )}
      <FilterBar label={t("verein.filters")}>
        <FilterText name="q" label={t("tandems:list.code")} defaultValue={filters.q ?? ""} maxLength={40} />
        <FilterSelect name="status" label={t("tandems:list.status")} defaultValue={filters.status ?? ""} options={[all, ...TANDEM_STATUSES.map((s) => ({ value: s, label: t(`tandems:status.${s}`) }))]} />
        {programmes.length > 1 ? (
          <FilterSelect name="programmeId" label={t("tandems:list.programme")} defaultValue={filters.programmeId ? String(filters.programmeId) : ""} options={[all, ...programmes.map((p) => ({ value: String(p.id), label: p.name }))]} />
        ) : null}
        <FilterSelect
          name="due"
          label={t("tandems:list.due")}
          defaultValue={filters.due ?? ""}
          options={[all, { value: "check-in", label: t("tandems:list.dueCheckIn") }, { value: "silent", label: t("tandems:list.dueSilent") }]}
        />
      </FilterBar>
      <DataTable
        label={t("verein.tandems")}
        minWidth={700}
        rows={result.items}
        rowKey={(r) => r.id}
        empty={t("verein.empty")}
        columns={[
          {
            header: t("tandems:list.code"),
            cell: (r) => (
              <Anchor component={Link} to={`/verein/sponsorships/${r.id}`}>
                <Ltr>{r.code}</Ltr>
              </Anchor>
            ),
          },
          {
            header: t("tandems:list.status"),
            cell: (r) => (
              <Badge component="span" variant="light" tt="none">
                {t(`tandems:status.${r.status}`)}
              </Badge>
            ),
          },
          { header: t("tandems:list.programme"), cell: (r) => <Bdi>{r.programme}</Bdi> },
          { header: t("tandems:list.sponsor"), cell: (r) => <Bdi>{r.sponsor}</Bdi> },
          { header: t("tandems:list.started"), cell: (r) => formatDate(r.startedOn, lang) },
          {
            header: t("tandems:list.next"),
            cell: (r) =>
              r.status === "trial" && r.trialEndsOn
                ? t("tandems:list.trialEnds", { date: formatDate(r.trialEndsOn, lang) })
                : r.status === "active" && r.nextCheckInOn
                  ? t("tandems:list.checkInOn", { date: formatDate(r.nextCheckInOn, lang) })
                  : r.status === "ended" && r.endedOn
                    ? t("tandems:list.endedOn", { date: formatDate(r.endedOn, lang) })
                    : "—",
          },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
      <Stack gap="xs" component="section" aria-labelledby="h-requests">
        <Title order={2} size="h3" id="h-requests">
          {t("verein.requests")}
        </Title>
        <Text size="sm">{t("verein.requestsIntro")}</Text>
        <DataTable
          label={t("verein.requests")}
          minWidth={600}
          rows={requests}
          rowKey={(r) => r.id}
          empty={t("verein.noRequests")}
          columns={[
            {
              header: t("verein.firstName"),
              cell: (r) => (
                <Anchor component={Link} to={`/verein/sponsorships/requests/${r.id}`}>
                  <Bdi>{r.firstName}</Bdi>
                </Anchor>
              ),
            },
            { header: t("tandems:list.programme"), cell: (r) => <Bdi>{r.programme}</Bdi> },
            { header: t("tandems:me.district"), cell: (r) => (r.district ? <Bdi>{r.district}</Bdi> : "—") },
            { header: t("tandems:me.languages"), cell: (r) => <ValueList items={r.languages} /> },
            { header: t("verein.since"), cell: (r) => formatDate(r.requestedAt, lang) },
          ]}
        />
      </Stack>
    </Stack>
  );
}
