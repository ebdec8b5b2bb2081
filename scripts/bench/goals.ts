/**
 * The speed goals the issues set, so the report can say for each whether it is met, missed
 * or not measurable yet (module not built). A module checks its own figures by giving its
 * routes a `goal` (and its timings a `goal`); this list is the overview in docs/benchmarks.md.
 */
import type { BenchGoal } from "./types";

export type IssueGoal = {
  issue: number;
  /** The bench module (file in scripts/bench/modules/) that measures it. */
  module: string;
  text: string;
  /** Checked against every measured route of the module whose path matches (routes may also carry their own `goal`). */
  check?: { path: RegExp; goal: BenchGoal };
};

export const ISSUE_GOALS: IssueGoal[] = [
  { issue: 3, module: "volunteers", text: "Office list of volunteers (filters, search, pagination) on 10,000 volunteers: p99 < 100 ms at 10 connections.",
    check: { path: /^\/office\/volunteers(\?|$)/, goal: { maxP99Ms: 100, connections: 10, source: "issue 3" } } },
  { issue: 4, module: "rooms", text: "Room page, its month calendar and the public iCal feed on 20,000 bookings: p99 < 100 ms at 10 connections.",
    check: { path: /^\/raum\/[^/?]+(\?view=month|\/kalender\.ics)?$/, goal: { maxP99Ms: 100, connections: 10, source: "issue 4" } } },
  { issue: 4, module: "rooms", text: "Room page and iCal feed: at least 500 req/s on this 2-core machine (LibreBooking managed 52 and 104 there).",
    check: { path: /^\/raum\/[^/?]+(\/kalender\.ics)?$/, goal: { minReqPerSec: 500, connections: 10, source: "issue 4" } } },
  { issue: 5, module: "donations", text: "Matching candidates for one need over 50,000 offers: under 10 ms (in-process timing)." },
  { issue: 5, module: "donations", text: "Matching all 5,000 open needs: under 2 s (in-process timing)." },
  { issue: 5, module: "donations", text: "Public needs list and office offer list: p99 < 100 ms at 10 connections.",
    check: { path: /^\/(spenden|office\/donations\/offers)(\?|$)/, goal: { maxP99Ms: 100, connections: 10, source: "issue 5" } } },
  { issue: 16, module: "tasks", text: "Office work queue: under 20 ms server time per page over the bench data set (in-process timing of a page's queries and counts)." },
];
