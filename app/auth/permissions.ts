import type { Role } from "@db/schema";
import { forbidden } from "~/utils/errors";

/**
 * Which role may do what: plain data, the only place it is decided.
 * Permissions are `action:entity:scope`; `own` means the resource must belong to the actor
 * (for organisations: the actor is a member of it).
 */
export const PERMISSIONS = [
  "read:account:own",
  "update:account:own",
  "read:office-inbox:any",
  "read:organisation:any",
  "manage:organisation:any",
  "read:organisation:own",
  "read:outbox:any",
  "manage:outbox:any",
  "manage:user:any",
  "read:volunteer:own",
  "update:volunteer:own",
  "read:volunteer:any",
  "manage:volunteer:any",
  // association members: volunteers with a current or upcoming assignment for their organisation
  // (`own` = the actor is a member of the resource's organisation); never certificates
  "read:assigned-volunteer:own",
  // coverage: `own` = the volunteer's own record, or (association members) their organisation's
  "read:assignment:own",
  "read:assignment:any",
  "manage:assignment:any",
  "log:hours:own",
  "decide:hours:own",
  "decide:hours:any",
  "read:certificate:own",
  "manage:certificate:any",
  "manage:room:any",
  "approve:booking:any",
  "read:household:any",
  "manage:household:any",
  "manage:donation:any",
  "read:transport:own",
  "update:transport:own",
  // the town-specific texts of the public legal and help pages (Impressum, contact, …)
  "manage:legal-page:any",
  // sponsorships (issue #14): the office runs requests, matching and every tandem; a volunteer their
  // own sponsor profile, proposals and tandems; association members the tandems of their own
  // programme (`own` = the programme's organisation)
  "manage:sponsorship:any",
  "read:sponsorship:own",
  "update:sponsorship:own",
  "manage:tandem:own",
  "manage:tandem:any",
  // the spreadsheet import (upload, map, confirm, undo): the office only
  "manage:import:any",
  // reports for the council and funders, the events register, frozen reports (issue #16)
  "read:report:any",
  "manage:report:any",
  // "export what I filtered" of the office lists (each export is written to the access log)
  "export:list:any",
  // associations (ADR 0032): an association's admins manage its profile, members and offers (`own` =
  // the actor is a member; the module also asks for the admin flag); the office verifies registrations
  "manage:association:own",
  "verify:association:any",
  // the integration seal (ADR 0033): the office runs it; an association's admins apply for their
  // own organisation (`own` = the actor administers it: ADMIN_SCOPED below); a juror reviews (`own`
  // = the application is assigned to the actor, which only the office does, for accounts on the
  // jury: any role may sit on it)
  "manage:seal:any",
  "apply:seal:own",
  "review:seal:own",
  // the office's work queue (issue #16, ADR 0036): assign, snooze and close tasks, the digest opt-in
  "work:task:any",
  // the privacy desk (issue #17, ADR 0038): data subjects' requests, the access log, retention and consent figures
  "manage:privacy",
  // messages to groups of volunteers (issue #17): the office writes and sends them
  "send:message:any",
  // the offers directory (issue #15, ADR 0039): a volunteer says "I'd like to help" (`own` = themselves)
  "help:offer:own",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What the coordination office may do; admins may do the same and more. */
const OFFICE: readonly Permission[] = [
  "read:account:own",
  "update:account:own",
  "read:office-inbox:any",
  "read:organisation:any",
  "manage:organisation:any",
  "read:volunteer:any",
  "manage:volunteer:any",
  "read:assignment:any",
  "manage:assignment:any",
  "decide:hours:any",
  "manage:certificate:any",
  "manage:room:any",
  "approve:booking:any",
  "read:household:any",
  "manage:household:any",
  "manage:donation:any",
  "read:transport:own",
  "update:transport:own",
  "manage:legal-page:any",
  "manage:sponsorship:any",
  "manage:tandem:any",
  "manage:import:any",
  "read:report:any",
  "manage:report:any",
  "export:list:any",
  "verify:association:any",
  "manage:seal:any",
  "review:seal:own",
  "work:task:any",
  "manage:privacy",
  "send:message:any",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  volunteer: ["read:account:own", "update:account:own", "read:volunteer:own", "update:volunteer:own", "read:assignment:own", "log:hours:own", "read:certificate:own", "read:transport:own", "update:transport:own", "read:sponsorship:own", "update:sponsorship:own", "review:seal:own", "help:offer:own"],
  // Everyone may see their own transport requests (the /me section links there for all).
  association_member: ["read:account:own", "update:account:own", "read:organisation:own", "read:assigned-volunteer:own", "read:assignment:own", "decide:hours:own", "read:transport:own", "update:transport:own", "manage:tandem:own", "manage:association:own", "apply:seal:own", "review:seal:own"],
  coordinator: OFFICE,
  admin: [...OFFICE, "read:outbox:any", "manage:outbox:any", "manage:user:any"],
};

/**
 * `own` permissions whose organisation scope is the associations the actor *administers* (the
 * admin flag on the membership, ADR 0032), not every one they belong to: a plain member of an
 * association may not apply for the seal on its behalf.
 */
const ADMIN_SCOPED: ReadonlySet<Permission> = new Set<Permission>(["apply:seal:own"]);

export const ROLES: readonly Role[] = ["volunteer", "association_member", "coordinator", "admin"];

export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: string;
  emailVerified: boolean;
  roles: Role[];
  organisationIds: number[];
  /** The organisations among `organisationIds` the actor administers (absent: none). */
  adminOrganisationIds?: number[];
}

/** A resource the `own` scope can be checked against. */
export type OwnedResource = { userId?: string | null; organisationId?: number | null };

/** The permissions of each combination of roles, made once (`can` runs many times per page). */
const permissionSets = new Map<string, ReadonlySet<Permission>>();

export function permissionsOf(actor: Pick<Actor, "roles">): ReadonlySet<Permission> {
  const key = actor.roles.join(",");
  let held = permissionSets.get(key);
  if (!held) {
    held = new Set(actor.roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
    permissionSets.set(key, held);
  }
  return held;
}

/** Pure: may `actor` do `permission` (on `resource`, for `own` permissions)? */
export function can(actor: Actor | null, permission: Permission, resource?: OwnedResource): boolean {
  if (!actor) return false;
  const held = permissionsOf(actor);
  if (held.has(permission)) {
    if (!permission.endsWith(":own")) return true;
    return isOwn(actor, resource, ADMIN_SCOPED.has(permission));
  }
  // An `any` grant covers the `own` variant.
  if (permission.endsWith(":own")) {
    const any = permission.replace(/:own$/, ":any") as Permission;
    if (held.has(any)) return true;
  }
  return false;
}

function isOwn(actor: Actor, resource: OwnedResource | undefined, adminOnly: boolean): boolean {
  if (!resource) return false;
  if (resource.userId != null) return resource.userId === actor.userId;
  if (resource.organisationId != null) return (adminOnly ? (actor.adminOrganisationIds ?? []) : actor.organisationIds).includes(resource.organisationId);
  return false;
}

/** Navigation entries per role are derived from permissions, so they never disagree. */
export function isOffice(actor: Actor | null) {
  return can(actor, "read:office-inbox:any");
}

/** Throws a 403 `AppError` unless the actor holds the permission (for `own`: on this resource). */
export function requirePermission(actor: Actor | null, permission: Permission, resource?: OwnedResource): asserts actor is Actor {
  if (!can(actor, permission, resource)) throw forbidden();
}

/** The actor's roles, to show them (the account page); decisions ask `can()`, never the roles. */
export function rolesOf(actor: Actor): readonly Role[] {
  return actor.roles;
}

/** Whether one of the actor's roles grants exactly this permission (an `any` grant does not count). */
export function holds(actor: Actor | null, permission: Permission): boolean {
  return !!actor && permissionsOf(actor).has(permission);
}

type Scoped<P> = P extends `${infer Base}:own` ? (`${Base}:any` extends Permission ? Base : never) : never;
/** Permissions with both an `own` and an `any` variant, named without the scope (`decide:hours`). */
export type ScopedPermission = Scoped<Permission>;

/** Where an actor may do something: everywhere, in the organisations they belong to, or (null) nowhere. */
export type OrganisationScope = { all: true } | { all: false; organisationIds: number[] };

/**
 * The organisation scope of `permission`: `all` with its `any` variant (the office), the actor's own
 * organisations with its `own` variant (association members), otherwise null.
 */
export function organisationScope(actor: Actor | null, permission: ScopedPermission): OrganisationScope | null {
  if (!actor) return null;
  if (can(actor, `${permission}:any` as Permission)) return { all: true };
  const organisationIds = memberOrganisations(actor, `${permission}:own` as Permission);
  return organisationIds.length ? { all: false, organisationIds } : null;
}

/** The organisations the actor belongs to on which they hold `permission` (an `own` permission). */
export function memberOrganisations(actor: Actor | null, permission: Permission): number[] {
  if (!actor) return [];
  return actor.organisationIds.filter((organisationId) => can(actor, permission, { organisationId }));
}

/** As `organisationScope`, but a 403 `AppError` where the actor has no scope at all. */
export function requireOrganisationScope(actor: Actor, permission: ScopedPermission): OrganisationScope {
  const scope = organisationScope(actor, permission);
  if (!scope) throw forbidden();
  return scope;
}

/**
 * Self-service erasure (DSGVO Art. 17) is for volunteers' accounts: an account holding anything
 * beyond a volunteer's permissions (staff, association members) is closed by an administrator.
 */
export function mayEraseOwnAccount(actor: Actor | null): boolean {
  if (!actor) return false;
  const volunteer = new Set(ROLE_PERMISSIONS.volunteer);
  return [...permissionsOf(actor)].every((p) => volunteer.has(p));
}
