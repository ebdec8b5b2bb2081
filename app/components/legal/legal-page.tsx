import { Alert, Stack, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/app-layout";
import { paragraphsOf } from "~/modules/legal/pages";

/** A right-to-left letter (Hebrew, Arabic). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export type LegalPageData = { title: string; body: string; locale: string; fallback: boolean } | null;

/**
 * A public page whose text the office keeps: its title and paragraphs (plain text, line breaks
 * kept), a note when it is shown in German because no translation exists, and a note when the
 * office has not written it yet. `children` follow the text (e.g. a form). Every line is isolated:
 * a line without right-to-left letters (an address, a phone number, an e-mail) reads left to
 * right also on an Arabic page ("47800 Beispielwillich", "+49 2154 …" keep their order); a line
 * with them takes the direction of its first letter.
 */
export function LegalPageView({ page, fallbackTitle, children }: { page: LegalPageData; fallbackTitle: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <PageTitle>{page ? <span lang={page.locale} dir="auto">{page.title}</span> : fallbackTitle}</PageTitle>
      {page?.fallback ? (
        <Alert color="blue" variant="light">
          {t("legal:fallbackNote")}
        </Alert>
      ) : null}
      {page ? (
        <div className="legal-text" lang={page.locale} dir="auto">
          {paragraphsOf(page.body).map((lines, i) => (
            <p key={i}>
              {lines.map((l, j) => (
                <Fragment key={j}>
                  {j ? <br /> : null}
                  <bdi dir={RTL.test(l) ? undefined : "ltr"}>{l}</bdi>
                </Fragment>
              ))}
            </p>
          ))}
        </div>
      ) : (
        <Text>{t("legal:notWritten")}</Text>
      )}
      {children}
    </Stack>
  );
}
