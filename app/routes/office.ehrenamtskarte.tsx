import { Badge, Button, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { eligibilityConfig } from "~/modules/coverage/hours.server";
import { listEhrenamtskarte } from "~/modules/coverage/volunteer-facts.server";
import { todayOf } from "~/modules/coverage/route-helpers.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:karte.officeTitle");

/** Who is eligible for the Ehrenamtskarte NRW (confirmed hours of the last 12 months). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requirePermission(actor, "decide:hours:any");
  const url = new URL(request.url);
  const eligibleOnly = !url.searchParams.has("all");
  const rows = await listEhrenamtskarte(actor, todayOf(), eligibleOnly);
  await recordVolunteerViews(actor, rows.map((r) => r.id), "ehrenamtskarte");
  return { rows, eligibleOnly, config: eligibilityConfig() };
}

export default function Ehrenamtskarte() {
  const { t, i18n } = useTranslation("coverage");
  const { rows, eligibleOnly, config } = useLoaderData<typeof loader>();
  const n = (h: number) => h.toLocaleString(i18n.language);
  return (
    <Stack>
      <PageTitle description={t("karte.officeIntro", { perYear: n(config.hoursPerYear), perWeek: n(config.hoursPerWeek) })}>{t("karte.officeTitle")}</PageTitle>
      <Form method="get">
        <Group align="flex-end">
          <Checkbox name="all" value="1" defaultChecked={!eligibleOnly} label={t("karte.showAll")} />
          <Button type="submit" variant="light">{t("common:actions.filter")}</Button>
        </Group>
      </Form>
      {rows.length === 0 ? (
        <Text>{t("karte.officeEmpty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("fields.volunteer")}</Table.Th>
                <Table.Th scope="col">{t("karte.hours12")}</Table.Th>
                <Table.Th scope="col">{t("karte.perWeek")}</Table.Th>
                <Table.Th scope="col">{t("karte.title")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{t("fields.volunteerValue", { name: r.name, email: r.email })}</Table.Td>
                  <Table.Td>{n(r.eligibility.hoursLast12Months)}</Table.Td>
                  <Table.Td>{n(r.eligibility.averagePerWeek)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.eligibility.eligible ? "green" : "gray"}>{r.eligibility.eligible ? t("karte.eligibleShort") : t("karte.notEligibleShort")}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
