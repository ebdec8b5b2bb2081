import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { memberOrganisations } from "~/auth/permissions";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { listOrganisations } from "~/modules/organisations/queries.server";
import { formatDate } from "~/utils/dates";
import { forbidden } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:association.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!memberOrganisations(actor, "read:organisation:own").length) throw forbidden();
  // Scoped: a member sees exactly the organisations they belong to (an office grant does not widen it).
  const { items } = await listOrganisations(actor, { page: 1, memberOnly: true });
  return { organisations: items };
}

export default function MyAssociation() {
  const { t, i18n } = useTranslation();
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <PageTitle description={t("office:association.intro")}>{t("office:association.title")}</PageTitle>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {organisations.map((o) => (
          <Paper key={o.id} withBorder p="lg" component="section" aria-labelledby={`org-${o.id}`}>
            <Title order={2} size="h4" id={`org-${o.id}`}>
              {o.name}
            </Title>
            <Text>{t(`legalForms.${o.legal_form}`)}</Text>
            {o.email ? <Anchor href={`mailto:${o.email}`}>{o.email}</Anchor> : null}
            {o.legal_form === "registered_association" ? (
              <Text mt="xs">
                {o.policy_valid_until
                  ? t("office:association.policy", { insurer: o.insurer ?? "", date: formatDate(o.policy_valid_until, i18n.language) })
                  : t("office:organisations.policyMissing")}
              </Text>
            ) : (
              <Text mt="xs">{t(`office:organisations.coverBy.${o.legal_form}`)}</Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t("office:association.changes")}
      </Text>
    </Stack>
  );
}
