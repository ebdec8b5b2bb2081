import type { ReactNode } from "react";

/**
 * A long list as plain table elements with one class (`app/styles/lists.css`, linked by the
 * route): no component per cell, so a page of rows stays cheap to render.
 */
export function DataTable({ headers, children }: { headers: string[]; children: ReactNode }) {
  return (
    <div className="data-table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
