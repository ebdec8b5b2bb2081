import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { BasisTexts, CoverAnswerBox } from "~/components/coverage/cover-texts";
import { closeReasonText } from "~/modules/coverage/close-reason";
import { listAssignmentsOf, toFacts } from "~/modules/coverage/assignments.server";
import { basisOfCover, isCoveredOn } from "~/modules/coverage/policy";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:me.assignmentsTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:assignment:own", { userId: actor.userId });
  const today = todayOf();
  const rows = await listAssignmentsOf(actor.userId);
  const facts = rows.map(toFacts);
  return {
    today,
    today_answer: isCoveredOn(facts, today),
    assignments: rows.map((r, i) => ({
      id: r.id,
      activity: r.activity,
      organisationName: r.organisationName,
      fieldName: r.fieldName,
      startDay: r.startDay,
      endDay: r.endDay,
      closedOn: r.closedOn,
      closeReason: r.closeReason,
      basis: basisOfCover(facts[i].organiser),
      coveredToday: isCoveredOn([facts[i]], today).covered,
    })),
  };
}

export default function MyAssignments() {
  const { t, i18n } = useTranslation("coverage");
  const { assignments, today_answer } = useLoaderData<typeof loader>();
  const d = (v: string | null) => (v ? formatDate(v, i18n.language) : t("fields.openEnd"));
  return (
    <Stack>
      <Anchor component={Link} to="/me">{t("me.back")}</Anchor>
      <PageTitle description={t("me.assignmentsIntro")}>{t("me.assignmentsTitle")}</PageTitle>
      <Title order={2} size="h4">{t("me.today")}</Title>
      <CoverAnswerBox answer={today_answer} />
      {assignments.length === 0 ? <Text>{t("me.noAssignments")}</Text> : null}
      {assignments.map((a) => (
        <Paper key={a.id} withBorder p="lg" component="article" aria-labelledby={`a-${a.id}`}>
          <Group justify="space-between">
            <Title order={2} size="h4" id={`a-${a.id}`}>{a.activity}</Title>
            <Badge component="span" variant="light" color={a.coveredToday ? "green" : "gray"}>{a.coveredToday ? t("me.coveredToday") : t("me.notCoveredToday")}</Badge>
          </Group>
          <Text size="sm" mt={4}>{t("me.organiserLine", { organisation: a.organisationName, field: a.fieldName })}</Text>
          <Text size="sm">{t("fields.periodValue", { start: d(a.startDay), end: d(a.endDay) })}</Text>
          {a.closedOn ? <Text size="sm">{t("me.closedLine", { date: d(a.closedOn), reason: closeReasonText(t, a.closeReason) })}</Text> : null}
          <Stack mt="sm" gap={4}>
            <Text fw={600} size="sm">{t("basis.title")}</Text>
            <BasisTexts basis={a.basis} />
          </Stack>
          <Group mt="sm">
            <Anchor href={`/me/assignments/${a.id}/confirmation.pdf`}>{t("pdf.confirmation")}</Anchor>
            <Anchor href={`/me/assignments/${a.id}/engagement.pdf`}>{t("pdf.engagement")}</Anchor>
            {i18n.language !== "de" ? (
              <Anchor href={`/me/assignments/${a.id}/confirmation.pdf?lang=de`} hrefLang="de">{`${t("pdf.confirmation")} – ${t("pdf.germanVersion")}`}</Anchor>
            ) : null}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
