/**
 * The send job of group messages (issue #17, ADR 0047): the send command only records the message
 * as "sending" (filter, day, count; no recipient row, no mail); the job writes the recipients in
 * batches — exactly the filter's people, each once even across a restart in the middle or a lost
 * cursor, with the opt-out and the language read when the batch is written; the message page shows
 * the progress and refreshes itself while sending; a person erased before their batch is skipped;
 * a job that keeps failing ends as "failed";
 * only the office sends and sees it.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as newMessage from "../../../app/routes/office.messages.new";
import * as detail from "../../../app/routes/office.messages.$id";
import * as list from "../../../app/routes/office.messages._index";
import { MESSAGE_SEND_LIMITS } from "../../../app/modules/messages/limits";
import { runDueMessages, runMessageSend } from "../../../app/modules/messages/send-job.server";
import type { Actor } from "../../../app/auth/permissions";
import { eraseOwnData } from "../../../app/modules/volunteers/personal-data.server";
import { getDb } from "../../../app/utils/db.server";
import { berlinDay } from "../../../app/utils/dates";
import { createTestUser, createTestVolunteer } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";

let office: string;
let anrath: number;
/** The group of this file: active volunteers with the skill "Sendejob", by e-mail. */
const group: Record<string, string> = {};
const texts = { subject_de: "Sprachcafé am Samstag", body_de: "Liebe Ehrenamtliche,\n\nwir brauchen Hilfe.", subject_ar: "مقهى اللغة يوم السبت", body_ar: "أعزاءنا المتطوعين،\n\nنحتاج إلى المساعدة." };
const FILTER = { skill: "sendejob" };

const send = async (cookie = office) => run(newMessage.action, makeRequest("/office/messages/new", { form: { intent: "send", ...FILTER, ...texts }, cookie }));
const idOf = (location: string | null) => Number(/\/office\/messages\/(\d+)$/.exec(location ?? "")?.[1]);
const message = (id: number) => getDb().selectFrom("message").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const recipients = (id: number) => getDb().selectFrom("message_recipient").select(["user_id", "locale", "outbox_id"]).where("message_id", "=", id).execute();
/** The outbox mails of a message, by address (through its recipient rows). */
const mailsOf = async (id: number) =>
  getDb()
    .selectFrom("message_recipient as r")
    .innerJoin("outbox as o", "o.id", "r.outbox_id")
    .select(["o.to_address", "o.subject", "o.locale", "o.next_attempt_at"])
    .where("r.message_id", "=", id)
    .orderBy("o.id")
    .execute();
const page = async (id: number, cookie = office) => run(detail.loader, makeRequest(`/office/messages/${id}`, { cookie }), { id: String(id) });

beforeAll(async () => {
  const db = getDb();
  office = await sessionCookie((await createTestUser(db, { roles: ["coordinator"] })).id);
  anrath = (await db.selectFrom("district").select("id").where("name", "=", "Anrath").executeTakeFirstOrThrow()).id;
  for (let i = 0; i < 7; i++) {
    const email = `sendejob${i}@example.org`;
    group[email] = (await createTestVolunteer(db, { status: "active", districtId: anrath, skills: ["Sendejob"], email, locale: i % 2 ? "ar" : "de" })).id;
  }
  // Not in the group: another skill; the skill but paused.
  await createTestVolunteer(db, { status: "active", districtId: anrath, skills: ["Anderes"], email: "anderes@example.org" });
  await createTestVolunteer(db, { status: "paused", districtId: anrath, skills: ["Sendejob"], email: "pausiert@example.org" });
});

beforeEach(async () => {
  const db = getDb();
  await db.deleteFrom("message_opt_out").execute();
  // Earlier messages of this file are finished, so the background round here runs only the new one.
  await runDueMessages();
  await db.deleteFrom("outbox").execute();
});

describe("the send command", () => {
  it("only records the message as sending (filter, day, count) — no recipient, no mail; the job then writes exactly the filter's people", async () => {
    const res = await send();
    expect(res.status).toBe(302);
    const id = idOf(res.location);
    const m = await message(id);
    expect(m).toMatchObject({ status: "sending", recipient_count: 7, queued_count: 0, filter_day: berlinDay(new Date()), cursor: null });
    expect(JSON.parse(m.filter)).toEqual(FILTER);
    expect(await recipients(id)).toEqual([]);
    expect(await getDb().selectFrom("outbox").selectAll().execute()).toEqual([]);

    expect(await runDueMessages()).toBe(1);
    expect(await message(id)).toMatchObject({ status: "done", queued_count: 7, lease_until: null });
    expect((await recipients(id)).map((r) => r.user_id).sort()).toEqual(Object.values(group).sort());
    const mails = await mailsOf(id);
    expect(mails.map((o) => o.to_address).sort()).toEqual(Object.keys(group).sort());
    // Each in their language.
    expect(mails.find((o) => o.to_address === "sendejob1@example.org")).toMatchObject({ subject: texts.subject_ar, locale: "ar" });
    expect(mails.find((o) => o.to_address === "sendejob0@example.org")).toMatchObject({ subject: texts.subject_de, locale: "de" });
    // Nothing more to do: another round writes nothing.
    expect(await runDueMessages()).toBe(0);
    expect(await recipients(id)).toHaveLength(7);
  });
});

describe("a restart in the middle", () => {
  it("resumes after the lease ran out; each recipient exactly once, the rate limit continues", async () => {
    const id = idOf((await send()).location);
    const t0 = Date.now();
    // The first process writes one batch of 3 and "dies" (its lease is still on the message).
    expect(await runMessageSend(id, { batchSize: 3, maxBatches: 1, clock: () => new Date(t0) })).toBe("stopped");
    expect(await message(id)).toMatchObject({ status: "sending", queued_count: 3 });
    expect(await recipients(id)).toHaveLength(3);
    // While the lease holds, another process leaves it alone.
    expect(await runDueMessages(() => new Date(t0 + 1_000))).toBe(0);
    expect(await runMessageSend(id, { clock: () => new Date(t0 + 1_000) })).toBe("not-claimed");
    // A fresh run after the lease ran out (what the background loop does after a restart).
    const later = t0 + MESSAGE_SEND_LIMITS.leaseMs + 1_000;
    expect(await runMessageSend(id, { batchSize: 3, clock: () => new Date(later) })).toBe("done");
    const m = await message(id);
    expect(m).toMatchObject({ status: "done", queued_count: 7, resumed_count: 1 });
    const rows = await recipients(id);
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(7);
    const mails = await mailsOf(id);
    expect(mails.map((o) => o.to_address).sort()).toEqual(Object.keys(group).sort());
    expect(await getDb().selectFrom("outbox").selectAll().execute()).toHaveLength(7);
  });

  it("a lost cursor never sends twice: the message × person key and the job's check keep each person once", async () => {
    const id = idOf((await send()).location);
    expect(await runMessageSend(id, { batchSize: 4, maxBatches: 1 })).toBe("stopped");
    // As if the progress had been lost: the cursor and the lease gone, the rows kept.
    await getDb().updateTable("message").set({ cursor: null, lease_until: null }).where("id", "=", id).execute();
    expect(await runMessageSend(id, { batchSize: 4 })).toBe("done");
    expect(await recipients(id)).toHaveLength(7);
    expect(await getDb().selectFrom("outbox").selectAll().execute()).toHaveLength(7);
    // Writing a person twice is refused by the database itself.
    const again = (await recipients(id))[0];
    await expect(getDb().insertInto("message_recipient").values({ message_id: id, user_id: again.user_id, locale: "de", outbox_id: null, opt_out_token_hash: "another-hash" }).execute()).rejects.toThrow();
  });

  it("after a long stop the rest is not due at once: the rate limit counts on from the resumed run", async () => {
    const id = idOf((await send()).location);
    const t0 = Date.now();
    expect(await runMessageSend(id, { batchSize: 3, maxBatches: 1, clock: () => new Date(t0) })).toBe("stopped");
    const hours = t0 + 3 * 3_600_000;
    expect(await runMessageSend(id, { batchSize: 3, clock: () => new Date(hours) })).toBe("done");
    const due = (await mailsOf(id)).map((o) => Date.parse(o.next_attempt_at));
    expect(due.slice(0, 3).every((d) => d < hours)).toBe(true);
    expect(due.slice(3).every((d) => d >= hours)).toBe(true);
  });
});

describe("between send and writing", () => {
  it("an opt-out is respected, also in the middle of the job; a changed language is the one sent", async () => {
    const id = idOf((await send()).location);
    const db = getDb();
    const at = new Date().toISOString();
    // Before the job starts: sendejob6 opts out; sendejob2 switches their language to Arabic.
    await db.insertInto("message_opt_out").values({ user_id: group["sendejob6@example.org"], opted_out_at: at }).execute();
    await db.updateTable("user").set({ locale: "ar" }).where("id", "=", group["sendejob2@example.org"]).execute();
    expect(await runMessageSend(id, { batchSize: 2, maxBatches: 1 })).toBe("stopped");
    const first = new Set((await recipients(id)).map((r) => r.user_id));
    // In the middle: one not yet written opts out.
    const pending = Object.entries(group).filter(([email, uid]) => !first.has(uid) && !["sendejob6@example.org", "sendejob2@example.org"].includes(email));
    const [lateEmail, lateId] = pending[0];
    await db.insertInto("message_opt_out").values({ user_id: lateId, opted_out_at: at }).execute();
    await db.updateTable("message").set({ lease_until: null }).where("id", "=", id).execute();
    expect(await runMessageSend(id, { batchSize: 2 })).toBe("done");
    const addresses = (await mailsOf(id)).map((o) => o.to_address);
    expect(addresses).not.toContain("sendejob6@example.org");
    expect(addresses).not.toContain(lateEmail);
    expect(addresses).toHaveLength(5);
    expect((await mailsOf(id)).find((o) => o.to_address === "sendejob2@example.org")).toMatchObject({ subject: texts.subject_ar, locale: "ar" });
    // The count when sent stays; the page says who no longer received it.
    expect(await message(id)).toMatchObject({ status: "done", recipient_count: 7, queued_count: 5 });
  });
});

describe("erasure between send and writing", () => {
  it("a person erased before their batch gets no recipient row and no mail", async () => {
    const db = getDb();
    const v = await createTestVolunteer(db, { status: "active", districtId: anrath, skills: ["Sendejob"], email: "geloescht@example.org" });
    const id = idOf((await send()).location);
    expect((await message(id)).recipient_count).toBe(8);
    const actor: Actor = { userId: v.id, email: v.email, name: "Person", locale: "de", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
    await eraseOwnData(actor);
    expect(await runMessageSend(id)).toBe("done");
    expect((await recipients(id)).map((r) => r.user_id)).not.toContain(v.id);
    expect((await mailsOf(id)).map((o) => o.to_address)).not.toContain("geloescht@example.org");
    expect(await message(id)).toMatchObject({ recipient_count: 8, queued_count: 7 });
  });
});

describe("progress on the message page", () => {
  it("shows n of N while sending (and refreshes itself), then the final state with the delivery", async () => {
    const id = idOf((await send()).location);
    const sending = await page(id);
    expect(sending.status).toBe(200);
    expect(sending.data.message).toMatchObject({ status: "sending", recipient_count: 7, queued_count: 0 });
    expect(detail.meta({ data: sending.data, matches: [] } as never)).toContainEqual({ httpEquiv: "refresh", content: "3" });
    await runMessageSend(id, { batchSize: 3, maxBatches: 1 });
    expect((await page(id)).data.message).toMatchObject({ status: "sending", queued_count: 3, delivery: { pending: 3, sent: 0, failed: 0 } });
    const listed = await run(list.loader, makeRequest("/office/messages", { cookie: office }));
    expect(listed.data.result.items.find((m: { id: number }) => m.id === id)).toMatchObject({ status: "sending", queued_count: 3, recipient_count: 7 });
    await getDb().updateTable("message").set({ lease_until: null }).where("id", "=", id).execute();
    await runDueMessages();
    const done = await page(id);
    expect(done.data.message).toMatchObject({ status: "done", queued_count: 7, delivery: { pending: 7 } });
    expect(detail.meta({ data: done.data, matches: [] } as never)).not.toContainEqual({ httpEquiv: "refresh", content: "3" });
    expect(JSON.stringify(done.data)).not.toContain("@example.org");
  });

  it("a job that keeps failing ends as failed (the page says so) and stops being run", async () => {
    const id = idOf((await send()).location);
    // Its texts gone (a broken record): every run fails.
    await getDb().deleteFrom("message_text").where("message_id", "=", id).execute();
    for (let i = 1; i < MESSAGE_SEND_LIMITS.maxFailures; i++) {
      expect(await runMessageSend(id)).toBe("stopped");
      expect(await message(id)).toMatchObject({ status: "sending", failures: i, lease_until: null, error: "messages:errors.sendFailed" });
    }
    expect(await runMessageSend(id)).toBe("stopped");
    expect(await message(id)).toMatchObject({ status: "failed", failures: MESSAGE_SEND_LIMITS.maxFailures });
    expect(await runMessageSend(id)).toBe("not-claimed");
    expect((await page(id)).data.message.status).toBe("failed");
    expect(await recipients(id)).toEqual([]);
  });
});

describe("only the office", () => {
  it("volunteers and association members can neither send nor see a message's progress", async () => {
    const id = idOf((await send()).location);
    await runDueMessages();
    const db = getDb();
    const volunteer = await sessionCookie(group["sendejob0@example.org"]);
    const member = await sessionCookie((await createTestUser(db, { roles: ["association_member"] })).id);
    const before = await db.selectFrom("message").select("id").execute();
    for (const cookie of [volunteer, member]) {
      expect((await send(cookie)).status).toBe(403);
      expect((await page(id, cookie)).status).toBe(403);
    }
    expect(await db.selectFrom("message").select("id").execute()).toEqual(before);
    expect((await page(id, "")).status).toBe(302);
  });
});
