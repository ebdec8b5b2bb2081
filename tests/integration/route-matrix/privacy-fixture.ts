/**
 * The privacy desk's records of the route × role matrix (issue #17), made on first use so the
 * shared fixture stays as it is: an open access request of volunteer B, identity checked (so its
 * export runs for the office).
 */
import { getDb } from "../../../app/utils/db.server";
import { createTestPrivacyRequest } from "../../factories/privacy";
import type { Fixture } from "./fixture";

const worlds = new WeakMap<Fixture, Promise<{ requestId: number }>>();

async function build(f: Fixture) {
  const r = await createTestPrivacyRequest(getDb(), { volunteerId: f.users.volunteerB.id, identityCheckedBy: f.users.coordinator.id, requesterName: "Matrix Person B" });
  return { requestId: r.id };
}

export function privacyWorld(f: Fixture) {
  let world = worlds.get(f);
  if (!world) {
    world = build(f);
    worlds.set(f, world);
  }
  return world;
}
