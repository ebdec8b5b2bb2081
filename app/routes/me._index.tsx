import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { holds } from "~/auth/permissions";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ProfileSummary, StatusBadge } from "~/components/volunteers/profile-summary";
import { getAccount } from "~/modules/accounts/queries.server";
import { meSectionsFor } from "~/modules/volunteers/me-sections";
import { nextRegistrationStep } from "~/modules/volunteers/policy";
import { getOwnOverview } from "~/modules/volunteers/queries.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:me.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:account:own", { userId: actor.userId });
  const account = await getAccount(actor);
  // A volunteer's own record (an office `any` grant is not a volunteer profile).
  const isVolunteer = holds(actor, "read:volunteer:own");
  const overview = isVolunteer ? await getOwnOverview(actor) : null;
  const next = overview ? nextRegistrationStep({ loggedIn: true, hasProfile: !!overview.profile, hasConsents: overview.consentsComplete }) : null;
  return { account: { name: account.name, email: account.email }, isVolunteer, overview, next, sections: meSectionsFor(actor) };
}

export default function MeHome() {
  const { t, i18n } = useTranslation();
  const { account, isVolunteer, overview, next, sections } = useLoaderData<typeof loader>();
  const profile = overview?.profile;
  return (
    <Stack>
      <PageTitle description={t("volunteers:me.intro")}>{t("volunteers:me.greeting", { name: account.name })}</PageTitle>
      {next ? (
        <Paper withBorder p="lg" bg="yellow.0" component="section" aria-labelledby="me-next">
          <Title order={2} size="h4" id="me-next">
            {t("volunteers:me.continueTitle")}
          </Title>
          <Text my="xs">{t(`volunteers:me.next.${next}`)}</Text>
          <Button component={Link} to={`/mitmachen/${next}`}>
            {t("volunteers:join.continue")}
          </Button>
        </Paper>
      ) : null}
      {profile ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="me-status">
          <Title order={2} size="h4" id="me-status" mb="xs">
            {t("volunteers:me.statusTitle")}
          </Title>
          <Group gap="xs">
            <StatusBadge status={profile.status} />
            <Text size="sm">{t("volunteers:me.since", { date: formatDateTime(profile.status_changed_at, i18n.language) })}</Text>
          </Group>
          <Text size="sm" mt="xs">
            {profile.status === "intake_scheduled" && profile.intake_on
              ? t("volunteers:me.intakeOn", { date: formatDate(profile.intake_on, i18n.language) })
              : t(`volunteers:me.statusText.${profile.status}`)}
          </Text>
        </Paper>
      ) : null}
      {profile ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="me-profile">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="me-profile">
              {t("volunteers:me.profileTitle")}
            </Title>
            <Button component={Link} to="/me/profil" variant="light" size="compact-md">
              {t("volunteers:me.editProfile")}
            </Button>
          </Group>
          <ProfileSummary p={profile} />
        </Paper>
      ) : null}
      {sections.length ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {sections.map((s) => (
            <Paper key={s.id} withBorder p="lg" component="section" aria-labelledby={`me-${s.id}`}>
              <Title order={2} size="h4" id={`me-${s.id}`}>
                <Anchor component={Link} to={s.href}>
                  {t(s.titleKey)}
                </Anchor>
              </Title>
              <Text size="sm" mt="xs">
                {t(s.textKey)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      ) : null}
      <Paper withBorder p="lg" component="section" aria-labelledby="me-settings">
        <Title order={2} size="h4" id="me-settings" mb="xs">
          {t("volunteers:me.settingsTitle")}
        </Title>
        <Stack gap={4}>
          <Anchor component={Link} to="/me/konto">
            {t("volunteers:me.accountLink")}
          </Anchor>
          {isVolunteer ? (
            <>
              <Anchor component={Link} to="/me/einwilligungen">
                {t("volunteers:me.consentsLink")}
              </Anchor>
              <Anchor component={Link} to="/me/daten">
                {t("volunteers:me.dataLink")}
              </Anchor>
            </>
          ) : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
