import { Anchor, Stack, Title } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { AssignmentsTable } from "~/components/coverage/assignments-table";
import { ProfileSummary } from "~/components/volunteers/profile-summary";
import { todayOf } from "~/utils/dates";
import { viewVolunteerAsAssociation } from "~/modules/volunteers/queries.server";
import { associationVolunteerScope, parseVolunteerId } from "~/modules/volunteers/scope.server";
import { titleFrom } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "volunteers:office.detailTitle");

/**
 * A volunteer's record for an association member: 404 unless the volunteer has a current or
 * upcoming assignment with the member's organisation (never a 403 that would confirm an id).
 * The view is written to the access log.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!associationVolunteerScope(actor)) throw forbidden();
  const userId = parseVolunteerId(params.id);
  const today = todayOf();
  const volunteer = await viewVolunteerAsAssociation(actor, userId, today);
  if (!volunteer) throw notFound();
  return { volunteer, today };
}

export default function AssociationVolunteer() {
  const { t } = useTranslation();
  const { volunteer: v, today } = useLoaderData<typeof loader>();
  return (
    <Stack>
      <Anchor component={Link} to="/verein/volunteers">
        {t("volunteers:office.back")}
      </Anchor>
      <PageTitle description={t("volunteers:association.detailIntro")}>{v.name}</PageTitle>
      <ProfileSummary p={v} />
      <Stack gap="xs" component="section" aria-labelledby="h-assignments">
        <Title order={2} size="h4" id="h-assignments">
          {t("volunteers:association.assignments")}
        </Title>
        <AssignmentsTable rows={v.assignments} today={today} />
      </Stack>
    </Stack>
  );
}
