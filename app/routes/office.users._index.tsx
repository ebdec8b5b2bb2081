import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "@db/schema";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Pager } from "~/components/pagination";
import { listUsers } from "~/modules/users/queries.server";
import { ROLE_VALUES } from "~/modules/users/schema";
import { titleFrom } from "~/utils/meta";
import { pageParam, searchParam } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
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
      <Form method="get" role="search" aria-label={t("office:users.search")}>
        <Group align="flex-end">
          <TextInput name="q" type="search" label={t("office:users.searchLabel")} defaultValue={filters.q ?? ""} maxLength={100} />
          <NativeSelect
            name="role"
            label={t("office:users.role")}
            defaultValue={filters.role ?? ""}
            data={[{ value: "", label: t("actions.all") }, ...ROLE_VALUES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
          />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      {result.items.length === 0 ? (
        <Text>{t("office:users.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("auth:fields.name")}</Table.Th>
                <Table.Th scope="col">{t("auth:fields.email")}</Table.Th>
                <Table.Th scope="col">{t("office:users.roles")}</Table.Th>
                <Table.Th scope="col">{t("office:users.state")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Link to={`/office/users/${u.id}`}>{u.name}</Link>
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Badge key={r} variant="light" size="sm">
                          {t(`roles.${r}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{u.disabled_at ? t("office:users.disabled") : u.email_verified_at ? t("office:users.active") : t("office:users.unverified")}</Table.Td>
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
