/**
 * The group messages' records of the route × role matrix (issue #17), made on first use so the
 * shared fixture stays as it is: a message sent to volunteer A (with A's opt-out token) and a draft.
 */
import { getDb } from "../../../app/utils/db.server";
import { createTestMessage } from "../../factories/messages";
import type { Fixture } from "./fixture";

export const OPT_OUT_TOKEN = "routeMatrixOptOutToken0000000001";

const worlds = new WeakMap<Fixture, Promise<{ sentId: number; draftId: number; token: string }>>();

async function build(f: Fixture) {
  const db = getDb();
  const sent = await createTestMessage(db, { authorId: f.users.coordinator.id, recipients: [{ userId: f.volunteerA.id, token: OPT_OUT_TOKEN }] });
  const draft = await createTestMessage(db, { authorId: f.users.coordinator.id, sentAt: null, subject: "Entwurf" });
  return { sentId: sent.id, draftId: draft.id, token: OPT_OUT_TOKEN };
}

export function messagesWorld(f: Fixture) {
  let world = worlds.get(f);
  if (!world) {
    world = build(f);
    worlds.set(f, world);
  }
  return world;
}
