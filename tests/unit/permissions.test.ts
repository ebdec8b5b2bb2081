import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  can,
  holds,
  isOffice,
  mayEraseOwnAccount,
  memberOrganisations,
  organisationScope,
  PERMISSIONS,
  requireOrganisationScope,
  requirePermission,
  ROLE_PERMISSIONS,
  type Actor,
} from "../../app/auth/permissions";
import { AppError } from "../../app/utils/errors";
import type { Role } from "../../db/schema";

const actor = (roles: string[], o: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  email: "u1@example.org",
  name: "U One",
  locale: "de",
  emailVerified: true,
  roles: roles as Role[],
  organisationIds: [],
  ...o,
});

describe("can()", () => {
  it("denies everything to anonymous visitors", () => {
    for (const p of PERMISSIONS) expect(can(null, p, { userId: "u1" })).toBe(false);
  });

  it("grants an own-scoped permission only on the actor's own resource", () => {
    const v = actor(["volunteer"]);
    expect(can(v, "read:account:own", { userId: "u1" })).toBe(true);
    expect(can(v, "read:account:own", { userId: "u2" })).toBe(false);
    // Without a resource an `own` permission cannot be checked, so it is denied.
    expect(can(v, "read:account:own")).toBe(false);
    expect(can(v, "read:account:own", {})).toBe(false);
  });

  it("scopes organisation membership by organisation id", () => {
    const m = actor(["association_member"], { organisationIds: [3, 7] });
    expect(can(m, "read:organisation:own", { organisationId: 7 })).toBe(true);
    expect(can(m, "read:organisation:own", { organisationId: 8 })).toBe(false);
    expect(can(m, "read:organisation:any")).toBe(false);
    expect(can(m, "manage:organisation:any")).toBe(false);
  });

  it("scopes applying for the seal by the admin flag, not by membership (ADR 0032)", () => {
    const plain = actor(["association_member"], { organisationIds: [3, 7] });
    const admin = actor(["association_member"], { organisationIds: [3, 7], adminOrganisationIds: [7] });
    expect(can(plain, "apply:seal:own", { organisationId: 7 })).toBe(false);
    expect(can(admin, "apply:seal:own", { organisationId: 7 })).toBe(true);
    expect(can(admin, "apply:seal:own", { organisationId: 3 })).toBe(false);
    expect(memberOrganisations(admin, "apply:seal:own")).toEqual([7]);
    // Membership-scoped permissions keep every organisation.
    expect(memberOrganisations(admin, "read:organisation:own")).toEqual([3, 7]);
    // A volunteer named admin somewhere holds no `apply:seal` at all.
    expect(can(actor(["volunteer"], { organisationIds: [7], adminOrganisationIds: [7] }), "apply:seal:own", { organisationId: 7 })).toBe(false);
  });

  it("lets an `any` grant cover the `own` variant", () => {
    const c = actor(["coordinator"]);
    expect(can(c, "read:organisation:own", { organisationId: 99 })).toBe(true);
    expect(can(c, "read:organisation:own")).toBe(true);
  });

  it("keeps outbox and user management admin-only", () => {
    expect(can(actor(["coordinator"]), "read:outbox:any")).toBe(false);
    expect(can(actor(["coordinator"]), "manage:user:any")).toBe(false);
    expect(can(actor(["admin"]), "read:outbox:any")).toBe(true);
    expect(can(actor(["admin"]), "manage:user:any")).toBe(true);
  });

  it("gives an unknown role nothing and does not throw", () => {
    const weird = actor(["superuser", "__proto__", "constructor"]);
    for (const p of PERMISSIONS) expect(can(weird, p, { userId: "u1", organisationId: 1 })).toBe(false);
    expect(isOffice(weird)).toBe(false);
  });

  it("unions the permissions of several roles", () => {
    const both = actor(["volunteer", "coordinator"]);
    expect(can(both, "manage:organisation:any")).toBe(true);
    expect(isOffice(both)).toBe(true);
    expect(isOffice(actor(["volunteer"]))).toBe(false);
  });

  it("only uses permissions that exist", () => {
    const known = new Set<string>(PERMISSIONS);
    for (const list of Object.values(ROLE_PERMISSIONS)) for (const p of list) expect(known.has(p)).toBe(true);
  });
});

describe("permission helpers", () => {
  it("keeps retrying mail a write permission of admins (reading the outbox is not enough)", () => {
    expect(can(actor(["admin"]), "manage:outbox:any")).toBe(true);
    for (const r of ["volunteer", "association_member", "coordinator"]) expect(can(actor([r]), "manage:outbox:any")).toBe(false);
    for (const r of ["volunteer", "association_member", "coordinator", "admin"]) {
      const a = actor([r]);
      // every role that may change the outbox may also read it
      if (can(a, "manage:outbox:any")) expect(can(a, "read:outbox:any")).toBe(true);
    }
  });

  it("requirePermission throws a 403 AppError, and passes when the permission is held", () => {
    expect(() => requirePermission(actor(["volunteer"]), "manage:room:any")).toThrow(AppError);
    try {
      requirePermission(null, "read:account:own", { userId: "u1" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(403);
    }
    expect(() => requirePermission(actor(["coordinator"]), "manage:room:any")).not.toThrow();
  });

  it("scopes by organisation: the office everywhere, members their organisations, others nowhere", () => {
    expect(organisationScope(actor(["coordinator"]), "decide:hours")).toEqual({ all: true });
    expect(organisationScope(actor(["association_member"], { organisationIds: [3, 7] }), "decide:hours")).toEqual({ all: false, organisationIds: [3, 7] });
    expect(organisationScope(actor(["association_member"]), "decide:hours")).toBeNull();
    expect(organisationScope(actor(["volunteer"]), "decide:hours")).toBeNull();
    expect(organisationScope(null, "read:assignment")).toBeNull();
    expect(organisationScope(actor(["association_member"], { organisationIds: [3] }), "read:assignment")).toEqual({ all: false, organisationIds: [3] });
    expect(() => requireOrganisationScope(actor(["volunteer"]), "decide:hours")).toThrow(AppError);
  });

  it("names the organisations a member belongs to, never widened by an office grant", () => {
    expect(memberOrganisations(actor(["association_member"], { organisationIds: [4] }), "read:organisation:own")).toEqual([4]);
    expect(memberOrganisations(actor(["coordinator"]), "read:organisation:own")).toEqual([]);
    expect(memberOrganisations(null, "read:organisation:own")).toEqual([]);
  });

  it("holds() is the role's own grant, without the any→own widening of can()", () => {
    expect(holds(actor(["volunteer"]), "read:volunteer:own")).toBe(true);
    expect(holds(actor(["coordinator"]), "read:volunteer:own")).toBe(false);
    expect(can(actor(["coordinator"]), "read:volunteer:own", { userId: "u1" })).toBe(true);
    expect(holds(null, "read:volunteer:own")).toBe(false);
  });

  it("lets only plain volunteer accounts erase themselves", () => {
    expect(mayEraseOwnAccount(actor(["volunteer"]))).toBe(true);
    expect(mayEraseOwnAccount(actor(["volunteer", "coordinator"]))).toBe(false);
    expect(mayEraseOwnAccount(actor(["volunteer", "association_member"], { organisationIds: [1] }))).toBe(false);
    expect(mayEraseOwnAccount(actor(["admin"]))).toBe(false);
    expect(mayEraseOwnAccount(null)).toBe(false);
  });
});

describe("one permission path", () => {
  const root = path.resolve(import.meta.dirname, "../../app");
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(root, f));

  it("finds the app's source files (the check below can fail)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(fs.readFileSync(path.join(root, "auth/permissions.ts"), "utf8")).toMatch(/actor\.roles/);
  });

  it("reads roles only in app/auth: every other file asks permissions.ts", () => {
    const offenders = files
      .filter((f) => !path.relative(root, f).startsWith(`auth${path.sep}`))
      .filter((f) => /\bactor\??\.roles\b|\.roles\.(includes|some|every|filter)\(|roles:\s*actor\.roles/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it("imports the session library only in app/auth", () => {
    const offenders = files
      .filter((f) => !path.relative(root, f).startsWith(`auth${path.sep}`))
      .filter((f) => /from "lucia"|require\("lucia"\)/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
