import { Alert, Anchor, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { getCertificateStatus } from "~/modules/coverage/certificates.server";
import { formatDate, todayOf } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:me.certificateTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  // getCertificateStatus checks `read:certificate:own` for the actor's own record.
  const s = await getCertificateStatus(actor, actor.userId, todayOf());
  return {
    needed: s.needed,
    status: s.status,
    certificateDate: s.latest?.certificateDate ?? null,
    inspectedOn: s.latest?.inspectedOn ?? null,
    deletionDay: s.deletionDay,
    maxAgeMonths: s.maxAgeMonths,
  };
}

export default function MyCertificate() {
  const { t, i18n } = useTranslation("coverage");
  const { needed, status, certificateDate, inspectedOn, deletionDay, maxAgeMonths } = useLoaderData<typeof loader>();
  const d = (v: string | null) => (v ? formatDate(v, i18n.language) : "");
  return (
    <Stack>
      <Anchor component={Link} to="/me">{t("me.back")}</Anchor>
      <PageTitle description={t("me.certificateIntro")}>{t("me.certificateTitle")}</PageTitle>
      <Alert variant="light" color={status.state === "valid" ? "green" : status.state === "none" && !needed ? "gray" : "yellow"} role="status">
        <Stack gap={4}>
          <Text>{status.state === "none" ? (needed ? t("me.certificateNeeded", { months: maxAgeMonths }) : t("me.certificateNotNeeded")) : t(`me.certificateStates.${status.state}`, { date: "dueOn" in status ? d(status.dueOn) : "" })}</Text>
          {certificateDate ? <Text size="sm">{t("me.certificateFacts", { certificateDate: d(certificateDate), inspectedOn: d(inspectedOn) })}</Text> : null}
          {certificateDate ? <Text size="sm">{deletionDay ? t("me.certificateDeletion", { date: d(deletionDay) }) : t("me.certificateDeletionOpen")}</Text> : null}
        </Stack>
      </Alert>
      <Text size="sm">{t("me.certificateNoCopy")}</Text>
    </Stack>
  );
}
