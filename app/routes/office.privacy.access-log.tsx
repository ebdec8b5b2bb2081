import { Alert, Stack, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi, Ltr } from "~/components/bdi";
import { DataTable, FilterBar, FilterSelect, FilterText, FiltersIgnored } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { PrivacyNav } from "~/components/privacy/privacy-nav";
import { listAccess, type AccessEntry, type AccessQuery } from "~/modules/privacy/access-log.server";
import { formatDateTime, isValidDay } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { dateParam, pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy:access.title");

const MODES = ["volunteer", "household", "staff"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:privacy");
  const url = new URL(request.url);
  const rawMode = url.searchParams.get("mode") ?? "";
  const mode = (MODES as readonly string[]).includes(rawMode) ? (rawMode as (typeof MODES)[number]) : "volunteer";
  const who = searchParam(url, "who", 254) ?? "";
  const rawFrom = dateParam(url, "from");
  const rawTo = dateParam(url, "to");
  const from = isValidDay(rawFrom) ? rawFrom : undefined;
  const to = isValidDay(rawTo) ? rawTo : undefined;
  const ignored = (!!rawMode && rawMode !== mode) || (!!rawFrom && !from) || (!!rawTo && !to);
  const filters = { mode, who, from: from ?? "", to: to ?? "" };
  if (!who) return { filters, ignored, result: null, searched: false };
  const q: AccessQuery = mode === "household" ? { mode, code: who, from, to, page: pageParam(url) } : { mode, email: who, from, to, page: pageParam(url) };
  return { filters, ignored, result: await listAccess(actor, q), searched: true };
}

export default function AccessLog() {
  const { t, i18n } = useTranslation();
  const { filters, ignored, result, searched } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <Stack>
      <PageTitle description={t("privacy:access.intro")}>{t("privacy:access.title")}</PageTitle>
      <PrivacyNav />
      <FilterBar label={t("privacy:access.searchLabel")} submitLabel={t("privacy:access.show")}>
        <FilterSelect name="mode" label={t("privacy:access.mode")} defaultValue={filters.mode} options={MODES.map((m) => ({ value: m, label: t(`privacy:access.modes.${m}`) }))} />
        <FilterText name="who" label={`${t("privacy:access.email")} / ${t("privacy:access.code")}`} defaultValue={filters.who} maxLength={254} />
        <FilterText name="from" type="date" label={t("privacy:access.from")} defaultValue={filters.from} />
        <FilterText name="to" type="date" label={t("privacy:access.to")} defaultValue={filters.to} />
      </FilterBar>
      <FiltersIgnored show={ignored} />
      {searched && !result ? <Alert color="orange">{t("privacy:access.notFound")}</Alert> : null}
      {result ? (
        <section aria-labelledby="results-title">
          <Title order={2} size="h4" id="results-title" mb="sm">
            {t("privacy:access.results")}{" "}
            <Bdi>{result.label}</Bdi>
          </Title>
          <DataTable<AccessEntry>
            label={t("privacy:access.tableLabel")}
            rows={result.entries}
            rowKey={(e) => e.id}
            empty={t("privacy:access.empty")}
            columns={[
              { header: t("privacy:access.when"), cell: (e) => formatDateTime(e.at, lang) },
              { header: t("privacy:access.who"), cell: (e) => <Bdi>{e.actorName ?? t("privacy:access.system")}</Bdi> },
              { header: t("privacy:access.action"), cell: (e) => t(`privacy:access.actions.${e.action}`, { defaultValue: e.action }) },
              { header: t("privacy:access.record"), cell: (e) => <Ltr>{e.entityId ? `${e.entity} ${e.entityId}` : e.entity}</Ltr> },
              { header: t("privacy:access.via"), cell: (e) => (e.via ? <Ltr>{e.via}</Ltr> : "—") },
            ]}
          />
          <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
        </section>
      ) : null}
    </Stack>
  );
}
