import { Anchor, Badge, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { currentCatalogue, publicRegister } from "~/modules/seal/queries.server";
import { criterionText } from "~/modules/seal/texts";
import { berlinDay, formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:register.title");

export async function loader() {
  // Public page (cached for anonymous visitors, scopes "seal" and "organisations"): the
  // associations holding a valid seal today (name, town, website, validity) and the criteria.
  const today = berlinDay(new Date());
  const [awards, catalogue] = await Promise.all([publicRegister(today), currentCatalogue()]);
  return { awards, catalogue };
}

export default function SealRegister() {
  const { t, i18n } = useTranslation();
  const { awards, catalogue } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("seal:register.intro")}>{t("seal:register.title")}</PageTitle>
      <Paper withBorder p="lg" component="section" aria-labelledby="seal-holders">
        <Title order={2} size="h3" id="seal-holders" mb="sm">
          {t("seal:register.holders")}
        </Title>
        {awards.length === 0 ? (
          <Text>{t("seal:register.empty")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:register.association")}</Table.Th>
                  <Table.Th scope="col">{t("seal:register.town")}</Table.Th>
                  <Table.Th scope="col">{t("seal:register.awardedOn")}</Table.Th>
                  <Table.Th scope="col">{t("seal:register.validUntil")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awards.map((a) => (
                  <Table.Tr key={a.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/siegel/${a.code}`}>
                        <bdi>{a.name}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <bdi>{a.town ?? ""}</bdi>
                    </Table.Td>
                    <Table.Td>{formatDate(a.awarded_on, i18n.language)}</Table.Td>
                    <Table.Td>{formatDate(a.valid_until, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {catalogue ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="seal-criteria">
          <Title order={2} size="h3" id="seal-criteria" mb="sm">
            {t("seal:register.criteria", { version: catalogue.version })}
          </Title>
          <Text mb="sm">{t("seal:register.rule", { min: catalogue.elective_min })}</Text>
          <List spacing="xs">
            {catalogue.criteria.map((c) => {
              const title = criterionText(c, i18n.language, "title");
              return (
                <List.Item key={c.id}>
                  <span lang={title.lang}>{title.text}</span>{" "}
                  <Badge component="span" variant="light" color={c.kind === "mandatory" ? "blue" : "gray"}>
                    {t(`seal:kinds.${c.kind}`)}
                  </Badge>
                </List.Item>
              );
            })}
          </List>
        </Paper>
      ) : null}
    </Stack>
  );
}
