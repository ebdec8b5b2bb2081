import { Anchor, Group, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { PersonalDataView, Scalar } from "~/components/legal/data-view";
import { getLanguage } from "~/i18n/i18next.server";
import { exportOwnData } from "~/modules/volunteers/personal-data.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "legal:auskunft.title");

/** DSGVO Art. 15 as a page to read and print (the same content as `/me/daten.json`; own data only). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  const { exportedAt, userId: _userId, ...parts } = await exportOwnData(actor, new Date(), await getLanguage(request));
  return data({ exportedAt, parts }, { headers: { "Cache-Control": "no-store" } });
}

export default function DataReport() {
  const { t } = useTranslation();
  const { exportedAt, parts } = useLoaderData<typeof loader>();
  return (
    <Stack maw={960}>
      <Group className="no-print">
        <Anchor component={Link} to="/me/daten">
          {t("legal:auskunft.back")}
        </Anchor>
        <Anchor href="/me/daten.pdf" download>
          {t("legal:auskunft.pdf")}
        </Anchor>
        <Anchor href="/me/daten.json" download>
          {t("legal:auskunft.json")}
        </Anchor>
      </Group>
      <PageTitle description={t("legal:auskunft.intro")}>{t("legal:auskunft.title")}</PageTitle>
      <Text size="sm">
        {t("legal:auskunft.asOf")} <Scalar value={exportedAt} />
      </Text>
      <Text size="sm" className="no-print">
        {t("legal:auskunft.print")}
      </Text>
      <PersonalDataView data={parts as Record<string, unknown>} />
    </Stack>
  );
}
