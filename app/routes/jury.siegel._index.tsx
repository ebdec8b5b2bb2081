import { Anchor, Badge, Paper, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { listAssignedApplications } from "~/modules/seal/queries.server";
import { formatDate } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "seal:jury.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  // Scoped: the applications assigned to the actor (as a juror on the jury); none for anyone else.
  return { assignments: await listAssignedApplications(actor) };
}

export default function JuryApplications() {
  const { t, i18n } = useTranslation();
  const { assignments } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("seal:jury.intro")}>{t("seal:jury.title")}</PageTitle>
      <Paper withBorder p="lg">
        {assignments.length === 0 ? (
          <Text>{t("seal:jury.none")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("seal:apply.organisation")}</Table.Th>
                  <Table.Th scope="col">{t("seal:jury.assignedOn")}</Table.Th>
                  <Table.Th scope="col">{t("seal:jury.yourStep")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {assignments.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/jury/siegel/${a.id}`}>
                        <bdi>{a.organisation_name}</bdi>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(a.assigned_at.slice(0, 10), i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge component="span" variant="light">
                        {a.conflict === null ? t("seal:jury.steps.declare") : a.conflict === "declared" ? t("seal:jury.steps.conflict") : a.submitted_at ? t("seal:jury.steps.done") : t("seal:jury.steps.score")}
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
