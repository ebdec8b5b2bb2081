import { Link } from "@remix-run/react";
import { DataTable, StatusBadge } from "~/components/list-page";
import { useTranslation } from "react-i18next";
import { assignmentState, type AssignmentFacts } from "~/modules/coverage/policy";
import { formatDate } from "~/utils/dates";

type Period = Pick<AssignmentFacts, "startDay" | "endDay" | "closedOn">;

const COLORS = { closed: "gray", running: "green", planned: "blue", ended: "gray" } as const;

/** Closed (with its day), running, planned or ended on `today`. */
export function AssignmentStateBadge({ a, today }: { a: Period; today: string }) {
  const { t, i18n } = useTranslation("coverage");
  const state = assignmentState(a, today);
  return (
    <StatusBadge color={COLORS[state]}>{state === "closed" ? t("assignments.closedOn", { date: formatDate(a.closedOn, i18n.language) }) : t(`assignments.states.${state}`)}</StatusBadge>
  );
}

export type AssignmentLine = Period & { id: number; activity: string; organisationName: string; worksWithMinors: number };

/** A volunteer's assignments (a short list on a volunteer's record; each links to its page). */
export function AssignmentsTable({ rows, today }: { rows: AssignmentLine[]; today: string }) {
  const { t, i18n } = useTranslation("coverage");
  return (
    <DataTable
      label={t("assignments.title")}
      rows={rows}
      rowKey={(a) => a.id}
      empty={t("assignments.empty")}
      columns={[
        {
          header: t("fields.activity"),
          cell: (a) => (
            <>
              <Link to={`/office/assignments/${a.id}`}>{a.activity}</Link>
              {a.worksWithMinors ? ` · ${t("fields.minorsShort")}` : ""}
            </>
          ),
        },
        { header: t("fields.organisation"), cell: (a) => a.organisationName },
        { header: t("fields.period"), cell: (a) => t("fields.periodValue", { start: formatDate(a.startDay, i18n.language), end: a.endDay ? formatDate(a.endDay, i18n.language) : t("fields.openEnd") }) },
        { header: t("assignments.state"), cell: (a) => <AssignmentStateBadge a={a} today={today} /> },
      ]}
    />
  );
}
