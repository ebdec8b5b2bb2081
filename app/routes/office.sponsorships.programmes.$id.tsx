import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { Bdi } from "~/components/bdi";
import { ProgrammeForm } from "~/components/sponsorships/programme-form";
import { getProgrammeForOffice, programmeDefaults, programmeOrganisations, updateProgramme } from "~/modules/sponsorships/programme-admin.server";
import { ProgrammeSchema } from "~/modules/sponsorships/programme-schema";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "programmes:edit.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const programme = await getProgrammeForOffice(actor, parseId(params.id));
  if (!programme) throw notFound();
  return {
    programme: { id: programme.id, name: programme.name, runningTandems: programme.runningTandems },
    defaults: programmeDefaults(programme),
    organisations: await programmeOrganisations(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:sponsorship:any");
  const id = parseId(params.id);
  if (!(await getProgrammeForOffice(actor, id))) throw notFound();
  const { submission } = await parseForm(request, ProgrammeSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateProgramme(actor, id, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/sponsorships/programmes/${id}`, { key: "flash.saved", kind: "success" });
}

export default function EditProgramme() {
  const { t } = useTranslation("programmes");
  const { programme, defaults, organisations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <Anchor component={Link} to="/office/sponsorships/programmes">
        {t("edit.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <PageTitle description={t("edit.intro")}>
          <Bdi>{programme.name}</Bdi>
        </PageTitle>
        <Button component={Link} to={`/office/sponsorships/tandems?programmeId=${programme.id}`} variant="light">
          {t("edit.tandems")}
        </Button>
      </Group>
      <Text>{t("edit.running", { count: programme.runningTandems })}</Text>
      <Paper withBorder p="lg">
        <ProgrammeForm key={JSON.stringify(defaults)} lastResult={lastResult} defaultValue={defaults} organisations={organisations} submitLabel={t("common:actions.save")} />
      </Paper>
    </Stack>
  );
}
