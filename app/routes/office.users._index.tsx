import { Stack } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "@db/schema";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable, FilterBar, FilterSelect, FilterText, StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { listUsers } from "~/modules/users/queries.server";
import { ROLE_VALUES } from "~/modules/users/schema";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:users.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:user:any");
  const url = new URL(request.url);
  const r = url.searchParams.get("role");
  const role = (ROLE_VALUES as readonly string[]).includes(r ?? "") ? (r as Role) : undefined;
  const filters = { q: searchParam(url), role, page: pageParam(url) };
  return { filters, result: await listUsers(actor, filters) };
}

export default function Users() {
  const { t } = useTranslation();
  const { filters, result } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("office:users.intro")}>{t("office:users.title")}</PageTitle>
      <FilterBar label={t("office:users.search")}>
        <FilterText name="q" type="search" label={t("office:users.searchLabel")} defaultValue={filters.q ?? ""} maxLength={100} />
        <FilterSelect
          name="role"
          label={t("office:users.role")}
          defaultValue={filters.role ?? ""}
          options={[{ value: "", label: t("actions.all") }, ...ROLE_VALUES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
        />
      </FilterBar>
      <DataTable
        label={t("office:users.title")}
        minWidth={640}
        rows={result.items}
        rowKey={(u) => u.id}
        empty={t("office:users.empty")}
        columns={[
          { header: t("auth:fields.name"), cell: (u) => <Link to={`/office/users/${u.id}`}>{u.name}</Link> },
          { header: t("auth:fields.email"), cell: (u) => u.email },
          {
            header: t("office:users.roles"),
            cell: (u) =>
              u.roles.map((r) => (
                <StatusBadge key={r} color="blue">
                  {t(`roles.${r}`)}
                </StatusBadge>
              )),
          },
          { header: t("office:users.state"), cell: (u) => (u.disabled_at ? t("office:users.disabled") : u.email_verified_at ? t("office:users.active") : t("office:users.unverified")) },
        ]}
      />
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
