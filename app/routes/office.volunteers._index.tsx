import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Pager } from "~/components/pagination";
import { listVolunteers } from "~/modules/volunteers/list.server";
import { VOLUNTEER_STATUSES } from "~/modules/volunteers/policy";
import { getLookups } from "~/modules/volunteers/queries.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:office.title");

const id = z.coerce.number().int().positive().max(1_000_000);
const FilterSchema = z.object({
  districtId: id.optional().catch(undefined),
  fieldId: id.optional().catch(undefined),
  language: z.string().regex(/^[a-z]{2,3}$/).optional().catch(undefined),
  skill: z.string().trim().toLowerCase().min(1).max(40).optional().catch(undefined),
  status: z.enum(VOLUNTEER_STATUSES).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  // Association members will see volunteers with assignments for their association once the
  // assignments module exists; until then only `read:volunteer:any` (the office) passes.
  requirePermission(actor, "read:volunteer:any");
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const parsed = FilterSchema.parse(raw);
  const filters = { ...parsed, q: searchParam(url), page: pageParam(url) };
  const [result, lookups] = await Promise.all([listVolunteers(actor, filters), getLookups()]);
  return { filters, result, lookups };
}

export default function Volunteers() {
  const { t, i18n } = useTranslation();
  const { filters, result, lookups } = useLoaderData<typeof loader>();
  const all = { value: "", label: t("actions.all") };
  // Translated once per page, not once per row (the list renders 25 rows per request).
  const statusLabel = Object.fromEntries(VOLUNTEER_STATUSES.map((s) => [s, t(`volunteers:status.${s}`)])) as Record<string, string>;
  return (
    <Stack>
      <PageTitle description={t("volunteers:office.intro")}>{t("volunteers:office.title")}</PageTitle>
      <Form method="get" role="search" aria-label={t("volunteers:office.search")}>
        <Group align="flex-end" wrap="wrap">
          <TextInput name="q" label={t("volunteers:office.name")} defaultValue={filters.q ?? ""} maxLength={100} />
          <NativeSelect name="status" label={t("volunteers:office.status")} defaultValue={filters.status ?? ""} data={[all, ...VOLUNTEER_STATUSES.map((s) => ({ value: s, label: statusLabel[s] }))]} />
          <NativeSelect name="districtId" label={t("volunteers:profile.district")} defaultValue={filters.districtId ? String(filters.districtId) : ""} data={[all, ...lookups.districts.map((d) => ({ value: String(d.id), label: d.name }))]} />
          <NativeSelect name="language" label={t("volunteers:office.language")} defaultValue={filters.language ?? ""} data={[all, ...lookups.languages.map((l) => ({ value: l.code, label: l.name_de === l.name_native ? l.name_de : `${l.name_de} – ${l.name_native}` }))]} />
          <NativeSelect name="fieldId" label={t("volunteers:office.field")} defaultValue={filters.fieldId ? String(filters.fieldId) : ""} data={[all, ...lookups.fields.map((f) => ({ value: String(f.id), label: t(`volunteers:fields.${f.slug}`, { defaultValue: f.name }) }))]} />
          <TextInput name="skill" label={t("volunteers:office.skill")} defaultValue={filters.skill ?? ""} maxLength={40} />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      {result.items.length === 0 ? (
        <Text>{t("volunteers:office.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("volunteers:office.name")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:office.status")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:profile.district")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:profile.languages")}</Table.Th>
                <Table.Th scope="col">{t("volunteers:office.registered")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Link to={`/office/volunteers/${v.id}`}>{v.name}</Link>
                  </Table.Td>
                  <Table.Td>{statusLabel[v.status]}</Table.Td>
                  <Table.Td>{v.district ?? ""}</Table.Td>
                  <Table.Td>{v.languages.map((l) => `${l.code.toUpperCase()} ${l.level}`).join(", ")}</Table.Td>
                  <Table.Td>{formatDate(v.created_at, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Pager page={result.page} pageSize={result.pageSize} total={result.total} />
    </Stack>
  );
}
