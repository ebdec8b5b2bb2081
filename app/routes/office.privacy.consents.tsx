import { Stack, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { DataTable } from "~/components/list-page";
import { PrivacyNav } from "~/components/privacy/privacy-nav";
import { consentReport, type ConsentFigure } from "~/modules/privacy/consents.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "privacy:consents.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:privacy");
  return consentReport(actor);
}

function Figures({ id, title, rows }: { id: string; title: string; rows: ConsentFigure[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <DataTable<ConsentFigure>
        label={title}
        rows={rows}
        rowKey={(r) => `${r.purpose}-${r.version}-${r.language}`}
        empty={t("privacy:consents.empty")}
        columns={[
          { header: t("privacy:consents.purpose"), cell: (r) => t(`privacy:consents.purposes.${r.purpose}`, { defaultValue: r.purpose }) },
          { header: t("privacy:consents.version"), numeric: true, cell: (r) => r.version },
          { header: t("privacy:consents.language"), cell: (r) => <bdi dir="ltr">{r.language}</bdi> },
          { header: t("privacy:consents.given"), numeric: true, cell: (r) => r.given },
          { header: t("privacy:consents.withdrawn"), numeric: true, cell: (r) => r.withdrawn },
        ]}
      />
    </section>
  );
}

export default function Consents() {
  const { t } = useTranslation();
  const { volunteers, households } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("privacy:consents.intro")}>{t("privacy:consents.title")}</PageTitle>
      <PrivacyNav />
      <Figures id="volunteer-consents" title={t("privacy:consents.volunteers")} rows={volunteers} />
      <Figures id="household-consents" title={t("privacy:consents.households")} rows={households} />
    </Stack>
  );
}
