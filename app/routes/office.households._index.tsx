import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Pager } from "~/components/pagination";
import { ExportLinks } from "~/components/reports/export-links";
import { can } from "~/auth/permissions";
import { listHouseholds } from "~/modules/donations/households.server";
import { householdFormOptions } from "~/modules/donations/options.server";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:household.listTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:household:any");
  const url = new URL(request.url);
  const { districts } = await householdFormOptions();
  const d = Number(url.searchParams.get("districtId"));
  const filters = { q: searchParam(url), districtId: districts.some((x) => x.id === d) ? d : undefined, page: pageParam(url) };
  return { filters, districts, result: await listHouseholds(actor, filters), mayExport: can(actor, "export:list:any") };
}

export default function Households() {
  const { t } = useTranslation();
  const { filters, districts, result, mayExport } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("donations:household.listIntro")}>{t("donations:household.listTitle")}</PageTitle>
        <Button component={Link} to="/office/households/new">
          {t("donations:household.new")}
        </Button>
      </Group>
      <Form method="get" role="search" aria-label={t("donations:household.search")}>
        <Group align="flex-end">
          <TextInput name="q" label={t("donations:household.search")} defaultValue={filters.q ?? ""} maxLength={100} />
          <NativeSelect
            name="districtId"
            label={t("donations:household.district")}
            defaultValue={filters.districtId ? String(filters.districtId) : ""}
            data={[{ value: "", label: t("actions.all") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]}
          />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      {result.items.length === 0 ? (
        <Text>{t("donations:household.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("donations:household.code")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.district")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.adults")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.children")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.openNeeds")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/households/${h.id}`}>
                      {h.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{h.district ?? "—"}</Table.Td>
                  <Table.Td>{h.adults}</Table.Td>
                  <Table.Td>{h.children}</Table.Td>
                  <Table.Td>{h.openNeeds}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
      {mayExport ? <ExportLinks base="/office/households/export" /> : null}
    </Stack>
  );
}
