import type { ReactNode } from "react";

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
