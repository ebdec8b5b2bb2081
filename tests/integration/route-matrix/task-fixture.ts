/**
 * The work queue's record of the route × role matrix (ADR 0036), made on first use: an open task
 * that every office role may work (a volunteer awaiting the intake talk).
 */
import { openTask } from "../../../app/modules/tasks/tasks.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import type { Fixture } from "./fixture";

const worlds = new WeakMap<Fixture, Promise<number>>();

async function build(f: Fixture): Promise<number> {
  const recordId = f.users.volunteerB.id;
  await transaction((trx) => openTask(trx, "volunteer-intake", { recordId, href: `/office/volunteers/${recordId}`, titleKey: "volunteers:inbox.awaitingIntake", values: { name: "Matrix Person B" }, dueOn: "2030-01-01" }));
  const row = await getDb().selectFrom("task").select("id").where("kind", "=", "volunteer-intake").where("record_id", "=", recordId).where("status", "=", "open").executeTakeFirstOrThrow();
  return row.id;
}

export function taskWorld(f: Fixture) {
  let world = worlds.get(f);
  if (!world) {
    world = build(f);
    worlds.set(f, world);
  }
  return world;
}
