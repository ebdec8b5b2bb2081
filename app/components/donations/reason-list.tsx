import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { Reason } from "~/modules/donations/matching";

/**
 * The reasons of a score ("same district, size fits, urgent") joined with the language's own
 * separator (Arabic "، "), each reason isolated in a <bdi> so that right-to-left text keeps
 * its order around the separators.
 */
export function ReasonList({ reasons }: { reasons: readonly Reason[] }) {
  const { t } = useTranslation();
  const separator = t("donations:listSeparator");
  return (
    <>
      {reasons.map((r, i) => (
        <Fragment key={r}>
          {i > 0 ? separator : null}
          <bdi>{t(`donations:reasons.${r}`)}</bdi>
        </Fragment>
      ))}
    </>
  );
}
