import { describe, expect, it } from "vitest";
import { can, isOffice, PERMISSIONS, ROLE_PERMISSIONS, type Actor } from "../../app/auth/permissions";
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
