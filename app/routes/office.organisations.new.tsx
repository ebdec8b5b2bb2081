import { Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { OrganisationForm } from "~/components/organisations/organisation-form";
import { createOrganisation } from "~/modules/organisations/commands.server";
import { OrganisationSchema } from "~/modules/organisations/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:organisations.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:organisation:any");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:organisation:any");
  const { submission } = await parseForm(request, OrganisationSchema);
  if (submission.status !== "success") return invalid(submission);
  const id = await createOrganisation(actor, submission.value);
  return redirectWithFlash(`/office/organisations/${id}`, { key: "flash.organisationCreated", kind: "success" });
}

export default function NewOrganisation() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <PageTitle>{t("office:organisations.new")}</PageTitle>
      <Paper withBorder p="lg">
        <OrganisationForm lastResult={lastResult} submitLabel={t("actions.create")} />
      </Paper>
    </Stack>
  );
}
