import { useRouteLoaderData } from "@remix-run/react";
import type { Flash } from "~/utils/flash.server";

/**
 * What the root loader (`app/root.tsx`) gives every page: the language, the visitor, the
 * navigation flags and the flash message. Its own file, so the layout can read it without
 * importing the root route (which imports the layout).
 */
export type NavFlags = {
  office: boolean;
  organisations: boolean;
  outbox: boolean;
  users: boolean;
  volunteers: boolean;
  rooms: boolean;
  roomRequests: boolean;
  households: boolean;
  donations: boolean;
  association: boolean;
  associationVolunteers: boolean;
  assignments: boolean;
  coverage: boolean;
  certificates: boolean;
  reports: boolean;
  legalPages: boolean;
  sponsorships: boolean;
  imports: boolean;
  sealOffice: boolean;
  privacy: boolean;
  sealApply: boolean;
  messages: boolean;
  associationTandems: boolean;
};

export type RootData = {
  lang: string;
  dir: "ltr" | "rtl";
  user: { name: string; email: string } | null;
  nav: NavFlags;
  flash: Flash | null;
  i18nVersion: string;
  titles: Record<string, string>;
  /** Open tasks of the office's work queue (ADR 0036) for the navigation; null for everyone else. */
  taskCount?: number | null;
};

/** The root loader's data; undefined only while the root itself failed (its error boundary). */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}
