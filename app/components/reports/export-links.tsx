import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** "Export what I filtered": the page's filters (not its page number), every page, as CSV or XLSX. */
export function ExportLinks({ base }: { base: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const query = new URLSearchParams(search);
  query.delete("page");
  const qs = query.toString() ? `?${query.toString()}` : "";
  return (
    <p className="eh-no-print">
      {t("reports:exports.label")}{" "}
      <Link to={`${base}/csv${qs}`} reloadDocument>
        CSV
      </Link>
      {" · "}
      <Link to={`${base}/xlsx${qs}`} reloadDocument>
        XLSX
      </Link>
    </p>
  );
}
