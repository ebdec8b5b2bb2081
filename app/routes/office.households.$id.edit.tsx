import { Anchor, Paper, Stack } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { HouseholdForm } from "~/components/donations/household-form";
import { getHouseholdForStaff, updateHousehold, viewHousehold } from "~/modules/donations/households.server";
import { householdDefaults, householdFormOptions } from "~/modules/donations/options.server";
import { HouseholdSchema } from "~/modules/donations/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "donations:household.edit");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:household:any");
  const household = await viewHousehold(actor, id);
  if (!household) throw notFound();
  return { id, code: household.code, defaults: householdDefaults(household), options: await householdFormOptions() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const id = parseId(params.id);
  requirePermission(actor, "manage:household:any");
  if (!(await getHouseholdForStaff(actor, id))) throw notFound();
  const { submission } = await parseForm(request, HouseholdSchema());
  if (submission.status !== "success") return invalid(submission);
  try {
    await updateHousehold(actor, id, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/households/${id}`, { key: "flash.saved", kind: "success" });
}

export default function EditHousehold() {
  const { t } = useTranslation();
  const { id, code, defaults, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <Stack>
      <Anchor component={Link} to={`/office/households/${id}`}>
        {t("donations:household.back")}
      </Anchor>
      <PageTitle description={t("donations:household.accessLogged")}>{t("donations:household.editTitle", { code })}</PageTitle>
      <Paper withBorder p="lg">
        <HouseholdForm lastResult={lastResult} options={options} defaultValue={defaults} submitLabel={t("actions.save")} />
      </Paper>
    </Stack>
  );
}
