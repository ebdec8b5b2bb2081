import type { Permission } from "~/auth/permissions";

/**
 * The office work queue's kinds (ADR 0036): which module a kind belongs to and which permission an
 * office member needs to see and work it. Pure data, shared by the server and the page.
 */
export const TASK_MODULES = ["volunteers", "coverage", "rooms", "donations", "sponsorships", "seal", "privacy"] as const;
export type TaskModule = (typeof TASK_MODULES)[number];

export const TASK_KINDS = {
  // opened and closed by the module's commands (and reconciled by the daily job)
  "room-request": { module: "rooms", permission: "approve:booking:any" },
  "key-return": { module: "rooms", permission: "approve:booking:any" },
  "hours-confirm": { module: "coverage", permission: "decide:hours:any" },
  "donation-offer-review": { module: "donations", permission: "manage:donation:any" },
  "transport-waiting": { module: "donations", permission: "manage:donation:any" },
  "sponsorship-request": { module: "sponsorships", permission: "manage:sponsorship:any" },
  "sponsorship-accepted": { module: "sponsorships", permission: "manage:sponsorship:any" },
  "seal-screen": { module: "seal", permission: "manage:seal:any" },
  "volunteer-intake": { module: "volunteers", permission: "manage:volunteer:any" },
  "privacy-request": { module: "privacy", permission: "manage:privacy" },
  // date-driven: opened and closed by the daily job
  "cover-ending": { module: "coverage", permission: "manage:assignment:any" },
  "certificate-reinspection": { module: "coverage", permission: "manage:certificate:any" },
  "tandem-silent": { module: "sponsorships", permission: "manage:tandem:any" },
  "seal-renewal": { module: "seal", permission: "manage:seal:any" },
} as const satisfies Record<string, { module: TaskModule; permission: Permission }>;
export type TaskKind = keyof typeof TASK_KINDS;

/** The permissions that make tasks visible, each once. */
export const TASK_PERMISSIONS: Permission[] = [...new Set(Object.values(TASK_KINDS).map((k) => k.permission))];

/** What a source or a command says about one record's task: where it links, its title, when it is due. */
export type TaskSpec = { recordId: string; href: string; titleKey: string; values: Record<string, string | number>; dueOn: string };

/** Queue filters (`?view=`): everything open, mine, unassigned, overdue, snoozed. */
export const TASK_VIEWS = ["all", "mine", "unassigned", "overdue", "snoozed"] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const TASK_PAGE_SIZE = 25;

/** The navigation shows at most this many tasks; beyond it "99+" (the queue's own filters give the exact counts). */
export const NAV_TASK_CAP = 99;
