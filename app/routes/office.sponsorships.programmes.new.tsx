import { Anchor, Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { ProgrammeForm } from "~/components/sponsorships/programme-form";
import { createProgramme, programmeOrganisations } from "~/modules/sponsorships/programme-admin.server";
import { NEW_PROGRAMME_DEFAULTS, ProgrammeSchema } from "~/modules/sponsorships/programme-schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "programmes:new.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  return { organisations: await programmeOrganisations() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const { submission } = await parseForm(request, ProgrammeSchema);
  if (submission.status !== "success") return invalid(submission);
  let id: number;
  try {
    id = await createProgramme(actor, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/sponsorships/programmes/${id}`, { key: "programmes:flash.created", kind: "success" });
}

export default function NewProgramme() {
  const { t } = useTranslation("programmes");
  const { organisations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships/programmes">
        {t("edit.back")}
      </Anchor>
      <PageTitle description={t("new.intro")}>{t("new.title")}</PageTitle>
      <Paper withBorder p="lg">
        <ProgrammeForm lastResult={lastResult} defaultValue={NEW_PROGRAMME_DEFAULTS} organisations={organisations} submitLabel={t("common:actions.create")} />
      </Paper>
    </Stack>
  );
}
