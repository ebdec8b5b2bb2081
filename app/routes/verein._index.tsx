import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { memberOrganisations } from "~/auth/permissions";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { StatusBadge } from "~/components/list-page";
import { myAssociations } from "~/modules/associations/profile.server";
import { listOrganisations } from "~/modules/organisations/queries.server";
import { formatDate } from "~/utils/dates";
import { forbidden } from "~/utils/errors";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:association.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!memberOrganisations(actor, "read:organisation:own").length) throw forbidden();
  // Scoped: a member sees exactly the organisations they belong to (an office grant does not widen it).
  const [{ items }, associations] = await Promise.all([listOrganisations(actor, { page: 1, memberOnly: true }), myAssociations(actor)]);
  const byId = new Map(associations.map((a) => [a.id, a]));
  return { organisations: items.map((o) => ({ ...o, association: byId.get(o.id) ?? null })) };
}

const STATUS_COLOR = { pending: "yellow", verified: "green", rejected: "red" } as const;

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
            <Stack gap="xs" mt="sm">
              {o.association?.status ? (
                <Group gap="xs">
                  <Text size="sm">{t("associations:status.label")}</Text>
                  <StatusBadge color={STATUS_COLOR[o.association.status]}>{t(`associations:status.${o.association.status}`)}</StatusBadge>
                </Group>
              ) : (
                <Text size="sm">{t("associations:status.none")}</Text>
              )}
              {o.association?.status === "pending" ? <Text size="sm">{t("associations:status.pendingHint")}</Text> : null}
              {o.association?.status === "rejected" && o.association.rejectionReason ? (
                <Text size="sm">{t("associations:status.rejectedReason", { reason: o.association.rejectionReason })}</Text>
              ) : null}
              {o.association?.status === "rejected" && o.association.admin ? <Text size="sm">{t("associations:status.rejectedHint")}</Text> : null}
              {o.association?.status === "verified" ? (
                <Anchor component={Link} to={`/vereine/${o.id}`} size="sm">
                  {t("associations:mine.publicPage", { count: o.association.publishedOffers })}
                </Anchor>
              ) : null}
              {o.association?.admin ? (
                <Group gap="xs">
                  <Button component={Link} to={`/verein/${o.id}/profil`} size="xs" variant="light">
                    {t("associations:mine.profile")}
                  </Button>
                  <Button component={Link} to={`/verein/${o.id}/mitglieder`} size="xs" variant="light">
                    {t("associations:mine.members")}
                  </Button>
                  <Button component={Link} to="/verein/angebote" size="xs" variant="light">
                    {t("associations:mine.offers")}
                  </Button>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("associations:mine.memberOnly")}
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t("associations:mine.changes")}
      </Text>
      <Anchor component={Link} to="/vereine/registrieren">
        {t("associations:mine.registerAnother")}
      </Anchor>
    </Stack>
  );
}
