import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/list-page";
import { formatDate } from "~/utils/dates";

type Facts = { module: string; dueOn: string; overdue: boolean; assignee: { name: string } | null; snoozedUntil: string | null; snoozeNote: string | null };

/** What a task's queue line and its own page say about it: due (or overdue), module, who has it, snoozed until. Plain elements (ADR 0048). */
export function TaskFacts({ task }: { task: Facts }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div className="eh-task-meta">
        <StatusBadge color={task.overdue ? "red" : "gray"}>
          {task.overdue ? t("tasks:overdueSince", { date: formatDate(task.dueOn, i18n.language) }) : t("tasks:due", { date: formatDate(task.dueOn, i18n.language) })}
        </StatusBadge>
        <span className="eh-muted">{t(`office:inbox.modules.${task.module}`)}</span>
        <span className="eh-muted">{task.assignee ? t("tasks:assignedTo", { name: task.assignee.name }) : t("tasks:unassigned")}</span>
      </div>
      {task.snoozedUntil ? (
        <span className="eh-muted">
          {t("tasks:snoozedUntil", { date: formatDate(task.snoozedUntil, i18n.language) })}
          {task.snoozeNote ? (
            <>
              {" – "}
              <bdi>{task.snoozeNote}</bdi>
            </>
          ) : null}
        </span>
      ) : null}
    </>
  );
}
