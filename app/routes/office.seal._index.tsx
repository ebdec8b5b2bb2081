import { Anchor, Badge, Group, NativeSelect, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { listApplicationsForOffice, listAwardsForOffice } from "~/modules/seal/queries.server";
import { awardState } from "~/modules/seal/rules";
import { berlinDay, formatDate, formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:office.title");

const STATUSES = ["draft", "submitted", "returned", "in_review", "awarded", "declined"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:seal:any");
  const asked = new URL(request.url).searchParams.get("status") ?? "";
  const status = (STATUSES as readonly string[]).includes(asked) ? asked : undefined;
  const [applications, awards] = await Promise.all([listApplicationsForOffice(actor, status), listAwardsForOffice(actor)]);
  const today = berlinDay(new Date());
  return { year: Number(today.slice(0, 4)), status: status ?? "", applications: applications ?? [], awards: (awards ?? []).map((a) => ({ ...a, state: awardState(a, today) })) };
}

export default function SealOffice() {
  const { t, i18n } = useTranslation();
  const { year, status, applications, awards } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("seal:office.intro")}>{t("seal:office.title")}</PageTitle>
      <Group>
        <Anchor component={Link} to="/office/seal/criteria">
          {t("seal:criteria.title")}
        </Anchor>
        <Anchor component={Link} to="/office/seal/jury">
          {t("seal:juryOffice.title")}
        </Anchor>
        <Anchor component={Link} to="/siegel">
          {t("seal:register.title")}
        </Anchor>
      </Group>
      <Group gap="xs">
        <Text>{t("seal:summary.link", { year })}:</Text>
        <Anchor href={`/office/seal/bericht/csv?year=${year}`}>
          {t("seal:summary.csv")}
        </Anchor>
        <Anchor href={`/office/seal/bericht/pdf?year=${year}`}>
          {t("seal:summary.pdf")}
        </Anchor>
      </Group>
      <Paper withBorder p="lg" component="section" aria-labelledby="applications">
        <Title order={2} size="h4" id="applications" mb="sm">
          {t("seal:office.applications")}
        </Title>
        <Form method="get">
          <Group align="end">
            <NativeSelect
              name="status"
              label={t("seal:office.filter")}
              defaultValue={status}
              data={[{ value: "", label: t("seal:office.allStatuses") }, ...STATUSES.map((s) => ({ value: s, label: t(`seal:status.${s}`) }))]}
            />
            <Button type="submit" variant="light">
              {t("seal:office.show")}
            </Button>
          </Group>
        </Form>
        {applications.length === 0 ? (
          <Text mt="sm">{t("seal:office.none")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table striped mt="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:apply.organisation")}</Table.Th>
                  <Table.Th scope="col">{t("seal:apply.status")}</Table.Th>
                  <Table.Th scope="col">{t("seal:office.updated")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {applications.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/office/seal/${a.id}`}>
                        <bdi>{a.organisation_name}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`seal:status.${a.status}`)}</Table.Td>
                    <Table.Td>{formatDateTime(a.updated_at, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="awards">
        <Title order={2} size="h4" id="awards" mb="sm">
          {t("seal:office.awards")}
        </Title>
        {awards.length === 0 ? (
          <Text>{t("seal:office.noAwards")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:apply.organisation")}</Table.Th>
                  <Table.Th scope="col">{t("seal:register.validUntil")}</Table.Th>
                  <Table.Th scope="col">{t("seal:apply.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awards.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/office/seal/${a.application_id}`}>
                        <bdi>{a.organisation_name}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(a.valid_until, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge component="span" color={a.state === "valid" ? "green" : "red"} variant="light">
                        {t(`seal:verify.state.${a.state}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
