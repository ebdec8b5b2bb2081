import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { listOpenNeeds } from "~/modules/donations/matching.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:office.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "manage:donation:any");
  return { needs: await listOpenNeeds(actor) };
}

export default function DonationsOffice() {
  const { t, i18n } = useTranslation();
  const { needs } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("donations:office.intro")}>{t("donations:office.title")}</PageTitle>
      <Group>
        <Anchor component={Link} to="/office/donations/offers">
          {t("donations:review.title")}
        </Anchor>
        <Anchor component={Link} to="/office/donations/figures">
          {t("donations:figures.title")}
        </Anchor>
        <Anchor component={Link} to="/office/donations/categories">
          {t("donations:categories.title")}
        </Anchor>
        <Anchor component={Link} to="/office/households">
          {t("donations:household.listTitle")}
        </Anchor>
      </Group>
      {needs.length === 0 ? (
        <Text>{t("donations:office.noOpenNeeds")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <caption>{t("donations:office.openNeeds")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("donations:need.category")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.size")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.quantity")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.code")}</Table.Th>
                <Table.Th scope="col">{t("donations:household.district")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.since")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {needs.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/donations/needs/${n.id}`}>
                      {categoryLabel({ ...n, depth: 0 }, i18n.language)}
                    </Anchor>{" "}
                    {n.urgency === "urgent" ? <Badge color="red.9">{t("donations:urgency.urgent")}</Badge> : null}
                  </Table.Td>
                  <Table.Td>{n.size ?? "—"}</Table.Td>
                  <Table.Td>{n.quantity_covered > 0 ? t("donations:need.coverage", { covered: n.quantity_covered, quantity: n.quantity }) : n.quantity}</Table.Td>
                  <Table.Td>{n.code}</Table.Td>
                  <Table.Td>{n.district ?? "—"}</Table.Td>
                  <Table.Td>{formatDate(n.created_at, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
