import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A value inside text (a name, an address, a German description in an Arabic page): `<bdi>`
 * isolates it, its direction taken from its own first strong character.
 */
export function Bdi({ children }: { children: ReactNode }) {
  return <bdi>{children}</bdi>;
}

/** A value that always reads left-to-right: phone numbers, times, ranges, codes, e-mail addresses. */
export function Ltr({ children }: { children: ReactNode }) {
  return <bdi dir="ltr">{children}</bdi>;
}

/**
 * Values as a list ("Deutsch (Muttersprache), Englisch (B2)"): each item isolated, separated by
 * the language's list separator (the Arabic comma in Arabic), so brackets and commas stay with
 * their item in right-to-left text.
 */
export function ValueList({ items }: { items: readonly ReactNode[] }) {
  const { t } = useTranslation();
  const separator = t("common:listSeparator");
  return (
    <>
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? separator : null}
          <bdi>{item}</bdi>
        </Fragment>
      ))}
    </>
  );
}
