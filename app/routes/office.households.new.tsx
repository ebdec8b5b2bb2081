import { Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { HouseholdForm } from "~/components/donations/household-form";
import { createHousehold } from "~/modules/donations/households.server";
import { householdFormOptions } from "~/modules/donations/options.server";
import { HouseholdSchema } from "~/modules/donations/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:household.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:household:any");
  return { options: await householdFormOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "manage:household:any");
  const { submission } = await parseForm(request, HouseholdSchema());
  if (submission.status !== "success") return invalid(submission);
  let id: number;
  try {
    id = await createHousehold(actor, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/households/${id}`, { key: "flash.saved", kind: "success" });
}

export default function NewHousehold() {
  const { t } = useTranslation();
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <PageTitle description={t("donations:household.privacyHint")}>{t("donations:household.new")}</PageTitle>
      <Paper withBorder p="lg">
        <HouseholdForm lastResult={lastResult} options={options} submitLabel={t("actions.create")} defaultValue={{ adults: "1" }} />
      </Paper>
    </Stack>
  );
}
