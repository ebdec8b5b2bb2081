/**
 * The last admin under concurrency (ADR 0026): admins who all give up their admin role (or disable
 * each other) at the same moment leave exactly one admin who can log in, on SQLite (BEGIN IMMEDIATE) as on PostgreSQL
 * (SERIALIZABLE with retry: the transactions read the same admin rows and write others, a write
 * skew that only serialisable isolation refuses).
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { setUserDisabled, setUserRoles } from "../../../app/modules/users/commands.server";
import { getDb } from "../../../app/utils/db.server";
import { isAppError } from "../../../app/utils/errors";
import { createTestUser } from "../../factories";

const actorOf = (u: { id: string; email: string }): Actor => ({ userId: u.id, email: u.email, name: "Admin", locale: "de", emailVerified: true, roles: ["admin"], organisationIds: [] });

describe("the last admin", () => {
  it("five admins dropping their admin role at once: four succeed, one stays admin with a clear refusal", async () => {
    await getDb().deleteFrom("user_role").where("role", "=", "admin").execute();
    const admins = await Promise.all(Array.from({ length: 5 }, (_, i) => createTestUser(getDb(), { roles: ["admin"], email: `admin-${i}@example.org` })));
    const outcomes = await Promise.all(
      admins.map((a) =>
        setUserRoles(actorOf(a), a.id, ["coordinator"]).then(
          () => "dropped",
          (e) => (isAppError(e) ? e.key : `crash: ${String(e)}`),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "dropped")).toHaveLength(4);
    expect(outcomes.filter((o) => o === "errors.lastAdmin")).toHaveLength(1);
    const left = await getDb().selectFrom("user_role").select("user_id").where("role", "=", "admin").execute();
    expect(left).toHaveLength(1);
    expect(left[0].user_id).toBe(admins[outcomes.indexOf("errors.lastAdmin")].id);
  });

  it("two admins disabling each other at once: one succeeds, the other is refused, one admin can still log in", async () => {
    await getDb().deleteFrom("user_role").where("role", "=", "admin").execute();
    const [a, b] = await Promise.all([0, 1].map((i) => createTestUser(getDb(), { roles: ["admin"], email: `gegenseitig-${i}@example.org` })));
    const outcomes = await Promise.all(
      [
        [a, b],
        [b, a],
      ].map(([by, target]) =>
        setUserDisabled(actorOf(by), target.id, true).then(
          () => "disabled",
          (e) => (isAppError(e) ? e.key : `crash: ${String(e)}`),
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(["disabled", "errors.lastAdminDisabled"]);
    const active = await getDb()
      .selectFrom("user_role")
      .innerJoin("user", "user.id", "user_role.user_id")
      .select("user.id")
      .where("user_role.role", "=", "admin")
      .where("user.disabled_at", "is", null)
      .execute();
    expect(active).toHaveLength(1);
    // A non-admin is disabled as before, also with one admin left.
    const volunteer = await createTestUser(getDb(), { roles: ["volunteer"] });
    const remaining = [a, b].find((x) => x.id === active[0].id)!;
    await setUserDisabled(actorOf(remaining), volunteer.id, true);
  });
});
