import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Alert, Button, Group, Paper, Stack, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, requirePermission } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { PageTitle } from "~/components/app-layout";
import { CheckboxField, replyFor, useFieldError } from "~/components/form";
import { StatusBadge } from "~/components/list-page";
import { Pager } from "~/components/pagination";
import { TaskFacts } from "~/components/tasks/task-facts";
import { listInbox, type InboxItem } from "~/modules/office/inbox.server";
import { TASK_MODULES, TASK_PAGE_SIZE, TASK_VIEWS } from "~/modules/tasks/kinds";
import { getTaskDigest, listTaskQueue, runTaskIntent, taskCounts, setTaskDigest } from "~/modules/tasks/queue.server";
import { AssignSchema, DigestSchema, DoneSchema, SnoozeSchema, TaskQuerySchema, WakeSchema } from "~/modules/tasks/schema";
import { formatDate } from "~/utils/dates";
import { valuesIn } from "~/utils/localised-values";
import { redirectWithFlash, safeRedirectTarget } from "~/utils/flash.server";
import { invalid, parseIntentFormData, readForm, replyWithError } from "~/utils/forms.server";
import { titleFrom } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFrom(matches, "office:inbox.title");

/**
 * The office's start page: the work queue (ADR 0036) with its filters and counts, and below it the
 * inbox's hints whose kinds are not tasks (yet): expiring insurance policies, failed mail, donation
 * needs and handovers, tandem check-ins, seal decisions. The providers leave out the task kinds
 * themselves for those who work the queue (`tasksInQueue`).
 */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "read:office-inbox:any");
  const url = new URL(request.url);
  const f = TaskQuerySchema.parse(Object.fromEntries(url.searchParams));
  const works = can(actor, "work:task:any");
  const now = new Date();
  const counts = works ? await taskCounts(actor, now) : null;
  const [queue, digest, inbox] = await Promise.all([
    counts ? listTaskQueue(actor, f, now, counts) : null,
    works ? getTaskDigest(actor) : false,
    // The hints whose kinds are tasks are in the queue (for those who work it).
    listInbox(actor, now, { tasksInQueue: works }),
  ]);
  return { filters: f, queue, counts, digest, me: actor.userId, items: inbox.items, more: inbox.more };
}

const TASK_INTENTS = { assign: AssignSchema, snooze: SnoozeSchema, wake: WakeSchema, done: DoneSchema, digest: DigestSchema } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  requirePermission(actor, "work:task:any");
  const formData = await readForm(request);
  // A queue line's buttons name their intent and task in one value ("assign:12", "done:12"): the
  // 25 lines share one form (a form per line was a large part of the page's render).
  const line = /^(assign|done):(\d+)$/.exec(String(formData.get("line") ?? ""));
  if (line) {
    formData.set("intent", line[1]);
    formData.set("taskId", line[2]);
    if (line[1] === "assign") formData.set("assignee", "me");
  }
  const parsed = parseIntentFormData(formData, TASK_INTENTS);
  const { submission } = parsed;
  if (submission.status !== "success") return invalid(submission);
  const back = safeRedirectTarget(String(parsed.formData.get("back") ?? ""), "/office");
  const to = back === "/office" || back.startsWith("/office?") ? back : "/office";
  let flash: string;
  try {
    const v = submission.value;
    if (v.intent === "digest") {
      await setTaskDigest(actor, !!v.digest);
      flash = v.digest ? "tasks:flash.digestOn" : "tasks:flash.digestOff";
    } else flash = await runTaskIntent(actor, v);
  } catch (e) {
    return replyWithError(submission, e);
  }
  return redirectWithFlash(to, { key: flash, kind: "success" });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Task = NonNullable<LoaderData["queue"]>["tasks"][number];

function useTitle() {
  const { t, i18n } = useTranslation();
  // Texts stored in several languages (a category's names) in the reader's (`valuesIn`).
  return (item: { titleKey: string; values?: Record<string, string | number> }) => {
    const values = valuesIn(item.values ?? {}, i18n.language);
    return t(item.titleKey, { ...values, date: values.date ? formatDate(String(values.date), i18n.language) : "" });
  };
}

/**
 * One line of the queue. Plain elements with the project's classes rather than Mantine's layout and
 * button components: 25 lines of those were most of the page's server time (docs/benchmarks.md,
 * "Stop 14"); the look is the same (app.css, `.eh-task*`, `.eh-button-light`).
 */
type RowTexts = { title: ReturnType<typeof useTitle>; assignMe: string; done: string; more: string };

function TaskRow({ task, me, back, reply, texts }: { task: Task; me: string; back: string; reply: SubmissionResult<string[]> | undefined; texts: RowTexts }) {
  const { title } = texts;
  // A failed quick form (assign to me, done) comes back with a form-level message for this line.
  const error = useFieldError(reply?.error?.[""] ?? undefined);
  const headingId = `task-title-${task.id}`;
  return (
    <li className="eh-task">
      <div className="eh-task-head">
        <div className="eh-task-what">
          <Link to={task.href} id={headingId}>
            {title(task)}
          </Link>
          <TaskFacts task={task} />
          {error ? (
            <p role="alert" className="eh-task-error">
              {error}
            </p>
          ) : null}
        </div>
        {/* The buttons belong to the one form around the lines (`task-lines`). */}
        <div className="eh-task-actions">
          {task.assignee?.id !== me ? (
            <button type="submit" name="line" value={`assign:${task.id}`} className="eh-button-light" aria-describedby={headingId}>
              {texts.assignMe}
            </button>
          ) : null}
          <button type="submit" name="line" value={`done:${task.id}`} className="eh-button-light" aria-describedby={headingId}>
            {texts.done}
          </button>
        </div>
      </div>
      {/* Assigning to someone else and snoozing with a note: on the task's own page (a queue page of
          25 rows with those forms each cost 5× the server time of the rest of the page). */}
      <Link className="eh-task-more" to={`/office/tasks/${task.id}?back=${encodeURIComponent(back)}`} aria-describedby={headingId}>
        {texts.more}
      </Link>
    </li>
  );
}

function FilterNav({ counts, filters }: { counts: NonNullable<LoaderData["counts"]>; filters: LoaderData["filters"] }) {
  const { t } = useTranslation();
  const href = (view: string, module: string | null) => {
    const p = new URLSearchParams();
    if (view !== "all") p.set("view", view);
    if (module) p.set("module", module);
    const q = p.toString();
    return q ? `/office?${q}` : "/office";
  };
  const views = TASK_VIEWS.map((v) => ({ v, n: counts[v] }));
  return (
    <nav aria-label={t("tasks:filters")} className="eh-task-filters">
      <ul>
        {views.map(({ v, n }) => (
          <li key={v}>
            <Link to={href(v, filters.module)} aria-current={filters.view === v ? "page" : undefined}>
              {`${t(`tasks:views.${v}`)} (${n})`}
            </Link>
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <Link to={href(filters.view, null)} aria-current={!filters.module ? "page" : undefined}>
            {t("tasks:allModules")}
          </Link>
        </li>
        {TASK_MODULES.map((m) => (
          <li key={m}>
            <Link to={href(filters.view, m)} aria-current={filters.module === m ? "page" : undefined}>
              {`${t(`office:inbox.modules.${m}`)} (${counts.modules[m]})`}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function DigestForm({ on }: { on: boolean }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const [form, f] = useForm({ id: "digest", lastResult: replyFor(lastResult, "intent", "digest"), defaultValue: { digest: on ? "on" : undefined } });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="digest-title">
      <Title order={2} size="h4" id="digest-title" mb="xs">
        {t("tasks:digest.title")}
      </Title>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="digest" />
        <Group align="center">
          <CheckboxField field={f.digest} label={t("tasks:digest.label")} />
          <Button type="submit" size="xs" variant="light">
            {t("tasks:digest.save")}
          </Button>
        </Group>
      </Form>
    </Paper>
  );
}

function Inbox({ items, more }: Pick<LoaderData, "items" | "more">) {
  const { t } = useTranslation();
  const title = useTitle();
  const badge = (severity: InboxItem["severity"]) => (
    <StatusBadge color={severity === "urgent" ? "red" : severity === "normal" ? "blue" : "gray"}>{t(`office:inbox.severity.${severity}`)}</StatusBadge>
  );
  if (!items.length) return null;
  return (
    <section aria-labelledby="hints-title">
      <Title order={2} size="h3" id="hints-title" mb="xs">
        {t("tasks:hints")}
      </Title>
      <ul className="eh-inbox" aria-label={t("office:inbox.listLabel", { count: items.length })}>
        {items.map((item) =>
          item.children ? (
            <li key={item.id} data-group="">
              <details className="eh-inbox-group">
                <summary>
                  <span className="eh-inbox-main">
                    {badge(item.severity)}
                    <span>{title(item)}</span>
                  </span>
                  <span className="eh-muted">{t(`office:inbox.modules.${item.module}`)}</span>
                </summary>
                <ul aria-label={t("office:inbox.groupItems")}>
                  {item.children.map((child) => (
                    <li key={child.id}>
                      <span className="eh-inbox-main">
                        {badge(child.severity)}
                        <Link to={child.href}>{title(child)}</Link>
                      </span>
                    </li>
                  ))}
                  {item.more ? (
                    <li data-more="">
                      {item.more.href ? (
                        <Link to={item.more.href}>{t("office:inbox.more", { count: item.more.count, module: t(`office:inbox.modules.${item.module}`) })}</Link>
                      ) : (
                        t("office:inbox.more", { count: item.more.count, module: t(`office:inbox.modules.${item.module}`) })
                      )}
                    </li>
                  ) : null}
                </ul>
              </details>
            </li>
          ) : (
            <li key={item.id}>
              <span className="eh-inbox-main">
                {badge(item.severity)}
                <Link to={item.href}>{title(item)}</Link>
              </span>
              <span className="eh-muted">{t(`office:inbox.modules.${item.module}`)}</span>
            </li>
          ),
        )}
        {more.map((m) => (
          <li key={`more-${m.module}`} data-more="">
            {m.href ? (
              <Link to={m.href}>{t("office:inbox.more", { count: m.count, module: t(`office:inbox.modules.${m.module}`) })}</Link>
            ) : (
              t("office:inbox.more", { count: m.count, module: t(`office:inbox.modules.${m.module}`) })
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function OfficeInbox() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const location = useLocation();
  const back = `${location.pathname}${location.search}`;
  // The lines' fixed texts, translated once for the page's 25 lines.
  const title = useTitle();
  const texts: RowTexts = { title, assignMe: t("tasks:assignMe"), done: t("tasks:done"), more: t("tasks:more") };
  return (
    <Stack>
      <PageTitle description={t("tasks:intro")}>{t("office:inbox.title")}</PageTitle>
      {d.queue && d.counts ? (
        <section aria-labelledby="tasks-title">
          <Stack>
            <Title order={2} size="h3" id="tasks-title">
              {t("tasks:title")}
            </Title>
            <FilterNav counts={d.counts} filters={d.filters} />
            {d.queue.tasks.length === 0 ? (
              <Alert color="green" variant="light" role="status">
                {t("tasks:empty")}
              </Alert>
            ) : (
              <Form method="post" id="task-lines">
                <input type="hidden" name="back" value={back} />
                <ul className="eh-tasks" aria-label={t("tasks:listLabel", { count: d.queue.total })}>
                  {d.queue.tasks.map((task) => (
                    <TaskRow key={task.id} task={task} me={d.me} back={back} reply={replyFor(lastResult, "taskId", task.id)} texts={texts} />
                  ))}
                </ul>
              </Form>
            )}
            {d.queue.total > TASK_PAGE_SIZE ? <Pager page={d.queue.page} pageSize={TASK_PAGE_SIZE} total={d.queue.total} /> : null}
            <DigestForm on={d.digest} />
          </Stack>
        </section>
      ) : null}
      <Inbox items={d.items} more={d.more} />
    </Stack>
  );
}
