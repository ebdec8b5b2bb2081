/**
 * The vocabulary of the route × role matrix (`rows.ts`): what a row says and the shorthands
 * for the usual tables.
 */
import type { Fixture, Role } from "./fixture";

/**
 * The expected answer of one request:
 * - a status (200, 204, 400, 403, 404, 405, …), for pages the status of the single-fetch answer;
 * - `"login"`: a redirect to `/login?redirectTo=<this page>`;
 * - `"redirect"`: any other redirect; `"→/me"`: a redirect to exactly `/me` (query included);
 *   `"→/office/users/"` (ending in a slash): a redirect to any page below it.
 */
export type Outcome = number | "login" | "redirect" | `→${string}`;

/** One answer per role; `"*"` stands for every role not named (and for roles added later). */
export type Table = Partial<Record<Role | "*", Outcome>>;

export type Row = {
  /** Shown in the test name when a route has several rows (e.g. "own" and "other side's id"). */
  label?: string;
  /** The URL (path and query), built from the fixture's ids (async: e.g. a fresh single-use token per request). */
  url: (f: Fixture) => string | Promise<string>;
  /** GET (a page through single fetch, its own loader). Only a further row of the same route, for a POST variant, may leave it out. */
  get?: Table;
  /** POST with an empty body: authorised roles get 400, the others 403/404/login; nothing is written. */
  post?: Table;
  /**
   * POST `{ intent }` alone, per intent: a list (answered like `post`) or a table per intent.
   * Authorised roles get 400 (the rest of the form is missing), so nothing is written either.
   */
  intents?: string[] | Record<string, Table>;
  /**
   * A text of side B (a name, an activity) that the listed roles must not find in their GET
   * answer, and every other role answered 200 must find.
   */
  secret?: { text: (f: Fixture) => string; hiddenFrom: Role[] };
  /** Extra form fields sent with every POST of this row (e.g. a needed hidden id). */
  form?: (f: Fixture) => Record<string, string> | Promise<Record<string, string>>;
  /**
   * A request answered 400, 403, 404, 405 or "login" must change no row. Only where that is
   * intended (e.g. a throttle that counts refused attempts) a row names the reason here.
   */
  writes?: string;
  /** A known bug, not fixed yet: the row is skipped and the reason printed. */
  knownBug?: string;
};

/** Every answer the same (public pages, public files). */
export const all = (outcome: Outcome): Table => ({ "*": outcome });

/** Any signed-in role. */
export const signedIn = (outcome: Outcome): Table => ({ anonymous: "login", "*": outcome });

/** The coordination office (coordinators and admins). */
export const office = (outcome: Outcome, others: Outcome = 403): Table => ({ anonymous: "login", "*": others, coordinator: outcome, admin: outcome });

/** Admins only. */
export const adminOnly = (outcome: Outcome, others: Outcome = 403): Table => ({ anonymous: "login", "*": others, admin: outcome });

/** Anonymous visitors only (login, register): signed-in users are sent home. */
export const anonymousOnly = (outcome: Outcome): Table => ({ anonymous: outcome, "*": "→/" });

/** Volunteers only (A and B). */
export const volunteers = (outcome: Outcome, others: Outcome = 403): Table => ({ anonymous: "login", "*": others, volunteerA: outcome, volunteerB: outcome });

/** Members of associations only (X and Y). */
export const associations = (outcome: Outcome, others: Outcome = 403): Table => ({ anonymous: "login", "*": others, memberX: outcome, memberY: outcome });

/** The office and the associations' members (coverage lists, scoped by organisation). */
export const staff = (outcome: Outcome, others: Outcome = 403): Table => ({ ...office(outcome, others), memberX: outcome, memberY: outcome });
