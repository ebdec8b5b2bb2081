import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Link-based pagination: works without JavaScript and keeps the other query parameters.
 * `hash` (e.g. "#list-h") takes the reader to the list when it is not at the top of its page.
 */
export function Pager({ page, pageSize, total, hash = "" }: { page: number; pageSize: number; total: number; hash?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}${hash}`;
  };
  return (
    <nav aria-label={t("pagination.label")} className="eh-pager">
      <span>{t("pagination.summary", { page, pages, count: total })}</span>
      {page > 1 ? <Link to={href(page - 1)}>{t("pagination.previous")}</Link> : null}
      {page < pages ? <Link to={href(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
