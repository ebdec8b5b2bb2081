import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { SimpleGrid } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { ConfirmStep } from "~/components/confirm-step";
import { FormErrors, TextField } from "~/components/form";
import { closeAssignment, getAssignment } from "~/modules/coverage/assignments.server";
import { CloseAssignmentSchema } from "~/modules/coverage/schema";
import { requireStaffScope } from "~/modules/coverage/scope.server";
import { recordVolunteerViews } from "~/modules/volunteers/access-log.server";
import { todayOf } from "~/utils/dates";
import { notFound } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { invalid, parseForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "coverage:close.title");

/** Actor, scope, the assignment scoped by the actor (404 otherwise), and the right to close it. */
async function load(request: Request, idParam: string | undefined, context: object | undefined) {
  const actor = await requireActor(request, context);
  requireStaffScope(actor);
  const id = parseId(idParam);
  const a = await getAssignment(actor, id, { logView: false, staffOnly: true });
  if (!a) throw notFound();
  requirePermission(actor, "manage:assignment:any");
  return { actor, id, a };
}

/** The confirmation step (ADR 0024): what closing does, the day and the reason; opening it closes nothing. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, id, a } = await load(request, params.id, context);
  // The step shows whose assignment it is: a staff view, logged once the right to close is checked.
  await recordVolunteerViews(actor, [a.volunteerId], `assignment:${id}`);
  return { id, name: a.volunteerName, activity: a.activity, closedOn: a.closedOn, today: todayOf() };
}

/** Closing ends the documented cover at the closing day; the record and its history stay. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, id } = await load(request, params.id, context);
  const { submission } = await parseForm(request, CloseAssignmentSchema);
  if (submission.status !== "success") return invalid(submission);
  try {
    await closeAssignment(actor, id, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(`/office/assignments/${id}`, { key: "flash.saved", kind: "success" });
}

export default function CloseAssignment() {
  const { t } = useTranslation("coverage");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, f] = useForm({
    id: "close",
    lastResult,
    defaultValue: { closedOn: d.today },
    constraint: getZodConstraint(CloseAssignmentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseAssignmentSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <ConfirmStep
      title={t("close.title")}
      description={t("assignments.detailOf", { name: d.name })}
      what={d.closedOn ? [t("errors.alreadyClosed")] : [t("close.step", { name: d.name, activity: d.activity }), t("close.hint")]}
      submit={t("close.submit")}
      back={`/office/assignments/${d.id}`}
      hidden={{ intent: "close" }}
      formProps={getFormProps(form)}
    >
      <FormErrors form={form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField field={f.closedOn} type="date" label={t("close.closedOn")} />
        <TextField field={f.reason} label={t("close.reason")} />
      </SimpleGrid>
    </ConfirmStep>
  );
}
