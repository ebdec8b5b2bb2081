import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDateInput } from "~/components/date-field";

/**
 * The building blocks of the office's list pages: a filter bar (a GET form, so filters are in the
 * URL and work without JavaScript), a table and a badge. Tables and badges are plain elements
 * styled in app.css: a list page renders hundreds of cells, and one Mantine component per cell
 * cost more server time than the query behind the page.
 */

/** A GET form with the filter fields in a row and one submit button. */
export function FilterBar({ label, children, submitLabel }: { label: string; children: ReactNode; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" role="search" aria-label={label}>
      <div className="eh-filters">
        {children}
        <button type="submit" className="eh-button" data-variant="light">
          {submitLabel ?? t("actions.filter")}
        </button>
      </div>
    </Form>
  );
}

/** Said under the filter bar when a filter value in the URL was not understood (and left out). */
export function FiltersIgnored({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return show ? (
    <p className="eh-muted" role="status">
      {t("list.filtersIgnored")}
    </p>
  ) : null;
}

export type Column<T> = {
  /** The column's heading. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers are aligned to the end. */
  numeric?: boolean;
};

/**
 * A table in a horizontally scrolling region (focusable, named by `label`), striped rows.
 * `empty` is shown instead when there are no rows.
 */
export function DataTable<T>({
  label,
  caption,
  columns,
  rows,
  rowKey,
  empty,
  minWidth = 600,
}: {
  label: string;
  caption?: ReactNode;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  empty?: ReactNode;
  minWidth?: number;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="eh-empty">{empty}</p>;
  return (
    <div className="eh-table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="eh-table" style={{ minWidth }}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" data-numeric={c.numeric ? "" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => (
                <td key={i} data-numeric={c.numeric ? "" : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type BadgeColor = "gray" | "blue" | "green" | "red" | "yellow" | "orange" | "violet";

/** A small status label: dark text on a light tint (AA contrast for every colour). */
export function StatusBadge({ color = "gray", children }: { color?: BadgeColor; children: ReactNode }) {
  return (
    <span className="eh-badge" data-color={color}>
      {children}
    </span>
  );
}

type Option = { value: string; label: string };

/**
 * A filter's text field: a plain label and input (styled like the form inputs). Filter bars have
 * up to ten of them on every list page; as Mantine inputs they were a large part of the render.
 */
export function FilterText({ name, label, defaultValue, maxLength = 100, type = "text", hint }: { name: string; label: string; defaultValue?: string; maxLength?: number; type?: "text" | "search" | "date" | "month"; hint?: string }) {
  if (type === "date" || type === "month") return <FilterDate name={name} label={label} defaultValue={defaultValue} kind={type} hint={hint} />;
  const id = `filter-${name}`;
  return (
    <div className="eh-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="eh-field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input id={id} name={name} type={type} defaultValue={defaultValue ?? ""} maxLength={maxLength} aria-describedby={hint ? `${id}-hint` : undefined} />
    </div>
  );
}

/**
 * A date or month filter: a picker, or on right-to-left pages a text field with the digit keyboard
 * and the format hint (`useDateInput`, ADR 0043 (8)); the loader reads it with `dateParam`.
 */
function FilterDate({ name, label, defaultValue, kind, hint }: { name: string; label: string; defaultValue?: string; kind: "date" | "month"; hint?: string }) {
  const id = `filter-${name}`;
  const { hint: format, ...input } = useDateInput(kind, defaultValue);
  const described = [hint, format].filter(Boolean).join(" ");
  return (
    <div className="eh-field">
      <label htmlFor={id}>{label}</label>
      {described ? (
        <span className="eh-field-hint" id={`${id}-hint`}>
          {described}
        </span>
      ) : null}
      <input id={id} name={name} {...input} aria-describedby={described ? `${id}-hint` : undefined} />
    </div>
  );
}

/** A filter's choice: a plain label and native select; the first option is usually "all" (value ""). */
export function FilterSelect({ name, label, defaultValue, options }: { name: string; label: string; defaultValue?: string; options: Option[] }) {
  const id = `filter-${name}`;
  return (
    <div className="eh-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
