import { Badge, Button, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { categoryName } from "~/modules/donations/category-names";
import { listPublicNeeds } from "~/modules/donations/public-needs.server";
import { getDb } from "~/utils/db.server";
import { titleFrom } from "~/utils/meta";
import { Bdi } from "~/components/bdi";
import { Lines, PlainSummary } from "~/components/plain-language";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:public.title");

// Anonymous access is intended: the list is sums per category and size, nothing personal.
export async function loader(_: LoaderFunctionArgs) {
  const [needs, office] = await Promise.all([
    listPublicNeeds(),
    getDb().selectFrom("organisation").select("email").where("legal_form", "=", "city").where("archived_at", "is", null).orderBy("id").executeTakeFirst(),
  ]);
  return { needs, officeEmail: office?.email ?? null };
}

export default function PublicNeeds() {
  const { t, i18n } = useTranslation();
  const { needs, officeEmail } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={<Lines text={t("donations:public.intro")} />}>{t("donations:public.title")}</PageTitle>
      <PlainSummary lines={[t("donations:public.summary.what"), t("donations:public.summary.offer"), t("donations:public.summary.clean"), t("donations:public.summary.bring")]} />
      <Title order={2} size="h3">
        {t("donations:public.neededNow")}
      </Title>
      {needs.length === 0 ? (
        <Text>{t("donations:public.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <caption>{t("donations:public.caption")}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("donations:need.category")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.size")}</Table.Th>
                <Table.Th scope="col">{t("donations:public.households")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.quantity")}</Table.Th>
                <Table.Th scope="col">{t("donations:need.urgency")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {needs.map((n) => (
                <Table.Tr key={`${n.categoryId}-${n.size ?? ""}-${n.season ?? ""}`}>
                  <Table.Td>{categoryName(n, i18n.language)}</Table.Td>
                  <Table.Td>
                    {n.size ? <Bdi>{n.size}</Bdi> : "—"}
                    {n.season ? ` · ${t(`donations:seasons.${n.season}`)}` : ""}
                  </Table.Td>
                  <Table.Td>{n.households}</Table.Td>
                  <Table.Td>{n.quantity}</Table.Td>
                  <Table.Td>{n.urgent > 0 ? <Badge component="span" color="red.9">{t("donations:public.urgentCount", { count: n.urgent })}</Badge> : t("donations:urgency.normal")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h3">
        {t("donations:public.howTitle")}
      </Title>
      <Text>
        <Lines text={t("donations:public.howText")} />
      </Text>
      <div>
        <Button component={Link} to="/spenden/anbieten">
          {t("donations:public.offerAction")}
        </Button>
      </div>
      {officeEmail ? (
        <Text>
          {t("donations:public.contact")} <a href={`mailto:${officeEmail}`}>{officeEmail}</a>
        </Text>
      ) : null}
    </Stack>
  );
}
