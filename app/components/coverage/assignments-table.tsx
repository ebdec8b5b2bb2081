import { Badge } from "@mantine/core";
import { Link } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
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
    <Badge color={COLORS[state]} variant="light">
      {state === "closed" ? t("assignments.closedOn", { date: formatDate(a.closedOn, i18n.language) }) : t(`assignments.states.${state}`)}
    </Badge>
  );
}

export type AssignmentLine = Period & { id: number; activity: string; organisationName: string; worksWithMinors: number };

/** A volunteer's assignments (a short list on a volunteer's record; each links to its page). */
export function AssignmentsTable({ rows, today }: { rows: AssignmentLine[]; today: string }) {
  const { t, i18n } = useTranslation("coverage");
  if (!rows.length) return <p>{t("assignments.empty")}</p>;
  return (
    <DataTable headers={[t("fields.activity"), t("fields.organisation"), t("fields.period"), t("assignments.state")]}>
      {rows.map((a) => (
        <tr key={a.id}>
          <td>
            <Link to={`/office/assignments/${a.id}`}>{a.activity}</Link>
            {a.worksWithMinors ? ` · ${t("fields.minorsShort")}` : ""}
          </td>
          <td>{a.organisationName}</td>
          <td>{t("fields.periodValue", { start: formatDate(a.startDay, i18n.language), end: a.endDay ? formatDate(a.endDay, i18n.language) : t("fields.openEnd") })}</td>
          <td>
            <AssignmentStateBadge a={a} today={today} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
