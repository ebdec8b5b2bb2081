import { Anchor, Paper, Stack, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Downloads, PeriodText, PrintStyles, ReportSections } from "~/components/reports/report-parts";
import { compareSnapshot } from "~/modules/reports/report.server";
import { formatDateTime, todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "reports:snapshots.detail");

const Params = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:report:any");
  const p = Params.safeParse(params);
  if (!p.success) throw notFound();
  return compareSnapshot(actor, p.data.id, todayOf());
}

/** A frozen report: its stored figures beside the same report computed from today's data. */
export default function Snapshot() {
  const { t, i18n } = useTranslation();
  const s = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PrintStyles />
      <Anchor component={Link} to="/office/reports" className="eh-no-print">
        {t("reports:snapshots.back")}
      </Anchor>
      <PageTitle description={t("reports:snapshots.intro", { at: formatDateTime(s.frozenAt, i18n.language) })}>{s.label}</PageTitle>
      <p>
        {t("reports:period")}: <PeriodText period={s.frozen.period} /> · {t(s.frozen.view === "komm-an" ? "reports:kommAn.title" : "reports:overview")}
      </p>
      <Downloads href={(format) => `/office/reports/download/${format}?snapshot=${s.id}`} />
      {s.narrative ? (
        <Paper withBorder p="md" component="section" aria-labelledby="narrative-h">
          <Title order={2} size="h4" id="narrative-h">
            {t("reports:kommAn.narrative")}
          </Title>
          <p style={{ whiteSpace: "pre-wrap" }}>{s.narrative}</p>
        </Paper>
      ) : null}
      <p>{t("reports:snapshots.compareHint")}</p>
      <ReportSections report={s.current} compareLabel={t("reports:chart.frozen")} />
    </Stack>
  );
}
