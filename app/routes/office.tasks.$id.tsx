import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Button, Paper, Stack, Text } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/app-layout";
import { FormErrors, FormSection, replyFor, SelectField, TextField } from "~/components/form";
import { TaskFacts } from "~/components/tasks/task-facts";
import { getTask, listTaskAssignees, runTaskIntent } from "~/modules/tasks/queue.server";
import { AssignSchema, DoneSchema, SnoozeSchema, WakeSchema } from "~/modules/tasks/schema";
import { valuesIn } from "~/utils/localised-values";
import { formatDate } from "~/utils/dates";
import { redirectWithFlash, safeRedirectTarget } from "~/utils/flash.server";
import { invalid, parseIntentForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "tasks:page.title");

/** Where "back" may lead: the queue with its filters (nothing else, so the link cannot be abused). */
function queueTarget(raw: string | null): string {
  const back = safeRedirectTarget(raw ?? "", "/office");
  return back === "/office" || back.startsWith("/office?") ? back : "/office";
}

/**
 * One task of the work queue (ADR 0036) on its own page: what it is and where its work is done,
 * assigning it to any office member, snoozing it until a day with a note (or waking it), done.
 * The queue's rows keep the quick forms (assign to me, done).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "work:task:any");
  const id = parseId(params.id);
  const [task, assignees] = await Promise.all([getTask(actor, id), listTaskAssignees()]);
  return { task, assignees, back: queueTarget(new URL(request.url).searchParams.get("back")) };
}

const INTENTS = { assign: AssignSchema, snooze: SnoozeSchema, wake: WakeSchema, done: DoneSchema } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "work:task:any");
  const id = parseId(params.id);
  // The task must be one the actor may work (404 otherwise), whatever the form says.
  await getTask(actor, id);
  const parsed = await parseIntentForm(request, INTENTS);
  const { submission } = parsed;
  if (submission.status !== "success") return invalid(submission);
  if (submission.value.taskId !== id) return invalid(submission);
  let flash: string;
  try {
    flash = await runTaskIntent(actor, submission.value);
  } catch (e) {
    return replyWithError(submission, e);
  }
  const back = queueTarget(String(parsed.formData.get("back") ?? ""));
  // Done: back to the queue; the other steps stay on the task's page.
  const to = submission.value.intent === "done" ? back : `/office/tasks/${id}?back=${encodeURIComponent(back)}`;
  return redirectWithFlash(to, { key: flash, kind: "success" });
}

export default function TaskPage() {
  const { task, assignees, back } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const values = valuesIn(task.values, i18n.language);
  const title = t(task.titleKey, { ...values, date: values.date ? formatDate(String(values.date), i18n.language) : "" });
  const [assign, af] = useForm({
    id: "assign",
    lastResult: replyFor(lastResult, "intent", "assign"),
    defaultValue: { assignee: task.assignee?.id ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignSchema }),
    shouldValidate: "onBlur",
  });
  const [snooze, sf] = useForm({ id: "snooze", lastResult: replyFor(lastResult, "intent", "snooze"), onValidate: ({ formData }) => parseWithZod(formData, { schema: SnoozeSchema }), shouldValidate: "onBlur" });
  const [other] = useForm({ id: "task", lastResult: lastResult && !["assign", "snooze"].includes(String(lastResult.initialValue?.intent)) ? lastResult : undefined });
  const hidden = (
    <>
      <input type="hidden" name="taskId" value={task.id} />
      <input type="hidden" name="back" value={back} />
    </>
  );
  return (
    <Stack>
      <PageTitle description={t("tasks:page.description")}>{t("tasks:page.title")}</PageTitle>
      <Link to={back}>{t("tasks:page.back")}</Link>
      <Paper withBorder p="lg" component="section" aria-labelledby="task-title">
        <Stack gap="xs">
          <Text component="h2" fw={700} size="lg" id="task-title">
            <Link to={task.href}>{title}</Link>
          </Text>
          <TaskFacts task={task} />
          <FormErrors form={other} />
          <Form method="post">
            {hidden}
            <input type="hidden" name="intent" value="done" />
            <Button type="submit" variant="light">
              {t("tasks:done")}
            </Button>
          </Form>
        </Stack>
      </Paper>
      <FormSection id="assign-title" title={t("tasks:assignTo")} form={assign} intent="assign" submit={t("tasks:assign")}>
        {hidden}
        <SelectField field={af.assignee} label={t("tasks:assignTo")} options={[{ value: "", label: t("tasks:nobody") }, ...assignees.map((a) => ({ value: a.id, label: a.name }))]} />
      </FormSection>
      {task.snoozedUntil ? (
        <Paper withBorder p="lg" component="section" aria-labelledby="wake-title">
          <Text component="h2" fw={700} id="wake-title" mb="sm">
            {t("tasks:wake")}
          </Text>
          <Form method="post">
            {hidden}
            <input type="hidden" name="intent" value="wake" />
            <Button type="submit" variant="light">
              {t("tasks:wake")}
            </Button>
          </Form>
        </Paper>
      ) : (
        <FormSection id="snooze-title" title={t("tasks:snooze")} form={snooze} intent="snooze" submit={t("tasks:snooze")}>
          {hidden}
          <TextField field={sf.until} type="date" label={t("tasks:snoozeUntil")} />
          <TextField field={sf.note} label={t("tasks:snoozeNote")} maxLength={300} />
        </FormSection>
      )}
    </Stack>
  );
}
