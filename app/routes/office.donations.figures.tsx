import { Anchor, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { categoryLabel } from "~/components/donations/category-label";
import { donationFigures } from "~/modules/donations/figures.server";
import { titleFrom } from "~/utils/meta";
import { forbidden } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:figures.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:donation:any");
  const figures = await donationFigures(actor);
  if (!figures) throw forbidden();
  return figures;
}

export default function Figures() {
  const { t, i18n } = useTranslation();
  const { rows, categories, medianDays, fulfilled } = useLoaderData<typeof loader>();
  const name = new Map(categories.map((c) => [c.id, categoryLabel({ ...c, depth: 0 }, i18n.language)]));
  return (
    <Stack>
      <Anchor component={Link} to="/office/donations">
        {t("donations:office.back")}
      </Anchor>
      <PageTitle description={t("donations:figures.intro")}>{t("donations:figures.title")}</PageTitle>
      <Text>{medianDays === null ? t("donations:figures.noMedian") : t("donations:figures.median", { days: medianDays.toFixed(1), count: fulfilled })}</Text>
      {rows.length === 0 ? (
        <Text>{t("donations:figures.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <caption>{t("donations:figures.caption")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("donations:figures.month")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.category")}</Table.Th>
                <Table.Th scope="col">{t("donations:figures.received")}</Table.Th>
                <Table.Th scope="col">{t("donations:figures.matched")}</Table.Th>
                <Table.Th scope="col">{t("donations:figures.handedOver")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.month}-${r.category}`}>
                  <Table.Td>{r.month}</Table.Td>
                  <Table.Td>{name.get(r.category) ?? "—"}</Table.Td>
                  <Table.Td>{r.received}</Table.Td>
                  <Table.Td>{r.matched}</Table.Td>
                  <Table.Td>{r.handedOver}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
