/**
 * Messages to groups of volunteers (issue #17): who receives a message (each filter dimension, the
 * account and opt-out rules), the language each recipient gets, the one-click opt-out (and that
 * transactional mail still arrives), the outbox's rate limit, delivery through the loopback SMTP
 * server, drafts, bad input, and that only the office sends. A send is run by the send job right
 * after the form (send-job.test.ts: the job itself, restarts, progress).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../../db/schema";
import * as newMessage from "../../../app/routes/office.messages.new";
import * as detail from "../../../app/routes/office.messages.$id";
import * as list from "../../../app/routes/office.messages._index";
import * as optOutPage from "../../../app/routes/abmelden.$token";
import * as mePage from "../../../app/routes/me.einwilligungen_.rundnachrichten";
import type { Actor } from "../../../app/auth/permissions";
import { requestPasswordReset } from "../../../app/modules/accounts/commands.server";
import { eraseOwnData, exportOwnData } from "../../../app/modules/volunteers/personal-data.server";
import { MESSAGE_MAILS_PER_MINUTE } from "../../../app/modules/messages/commands.server";
import { deliverDueMail } from "../../../app/modules/mail/sender.server";
import { runDueMessages } from "../../../app/modules/messages/send-job.server";
import { getDb } from "../../../app/utils/db.server";
import { addDaysToDay, berlinDay } from "../../../app/utils/dates";
import { createTestOrganisation, createTestUser, createTestVolunteer } from "../../factories";
import { createTestAssignment } from "../../factories/coverage";
import { makeTestSponsor } from "../../factories/sponsorships";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { startSmtp } from "../../setup/smtp";
import { expectFieldError, withEnv } from "../helpers";

const TABLES = ["message", "message_text", "message_recipient", "message_opt_out", "outbox"] as const satisfies readonly (keyof DB)[];
async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await getDb().selectFrom(t).selectAll().execute();
  return out;
}

const today = berlinDay(new Date());
let office: string;
let officeId: string;
let ids: { schiefbahn: number; anrath: number; fieldA: number; fieldB: number; org: number; otherOrg: number };
/** The people of the filter fixture: `match*` pass every condition, each other one fails exactly one. */
const people: Record<string, string> = {};

/** Posts the form; a send that went through is then run by the send job (as the server's background loop would). */
const post = async (form: Record<string, string>, cookie = office) => {
  const res = await run(newMessage.action, makeRequest("/office/messages/new", { form, cookie }));
  if (form.intent === "send" && res.status === 302) await runDueMessages();
  return res;
};
const texts = { subject_de: "Sommerfest am Niersweg", body_de: "Liebe Ehrenamtliche,\n\nwir laden zum Sommerfest ein.", subject_ar: "حفل الصيف", body_ar: "أعزاءنا المتطوعين،\n\nندعوكم إلى حفل الصيف." };
const fullFilter = () => ({ districtId: String(ids.schiefbahn), fieldId: String(ids.fieldA), language: "ar", skill: "koch", sponsor: "yes", organisationId: String(ids.org) });

beforeAll(async () => {
  const db = getDb();
  const coordinator = await createTestUser(db, { roles: ["coordinator"] });
  officeId = coordinator.id;
  office = await sessionCookie(coordinator.id);
  const district = async (name: string) => (await db.selectFrom("district").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const fields = await db.selectFrom("field_of_action").select("id").orderBy("id").execute();
  const org = await createTestOrganisation(db, { name: "Arbeitskreis Beispiel e.V." });
  const otherOrg = await createTestOrganisation(db, { name: "Anderer Verein e.V." });
  ids = { schiefbahn: await district("Schiefbahn"), anrath: await district("Anrath"), fieldA: fields[0].id, fieldB: fields[1].id, org: org.id, otherOrg: otherOrg.id };

  // Everyone below matches the full filter except in the one way their name says.
  const make = async (
    key: string,
    o: Partial<{ districtId: number; fieldIds: number[]; language: string; skills: string[]; sponsor: boolean; org: number; status: "active" | "paused"; verified: boolean; locale: string }> = {},
  ) => {
    const v = await createTestVolunteer(db, {
      name: `Person ${key}`,
      email: `${key.toLowerCase()}@example.org`,
      status: o.status ?? "active",
      verified: o.verified,
      locale: o.locale ?? "de",
      districtId: o.districtId ?? ids.schiefbahn,
      fieldIds: o.fieldIds ?? [ids.fieldA],
      languages: [{ code: o.language ?? "ar", level: "native" }],
      skills: o.skills ?? ["Kochen für Gruppen"],
    });
    if (o.sponsor !== false) await makeTestSponsor(db, v.id);
    await createTestAssignment(db, { volunteerId: v.id, organisationId: o.org ?? ids.org, createdBy: coordinator.id, startDay: addDaysToDay(today, -5) });
    people[key] = v.id;
    return v.id;
  };
  await make("matchDe");
  await make("matchAr", { locale: "ar" });
  await make("matchUk", { locale: "uk" });
  await make("otherDistrict", { districtId: ids.anrath });
  await make("otherField", { fieldIds: [ids.fieldB] });
  await make("otherLanguage", { language: "tr" });
  await make("otherSkill", { skills: ["Fahrrad reparieren"] });
  await make("noSponsor", { sponsor: false });
  await make("otherOrg", { org: ids.otherOrg });
  await make("paused", { status: "paused" });
  await make("unconfirmed", { verified: false });
  const blocked = await make("blocked");
  await db.updateTable("user").set({ disabled_at: new Date().toISOString() }).where("id", "=", blocked).execute();
  const erased = await make("erased");
  await db.updateTable("volunteer_profile").set({ erased_at: new Date().toISOString() }).where("user_id", "=", erased).execute();
  const optedOut = await make("optedOut");
  await db.insertInto("message_opt_out").values({ user_id: optedOut, opted_out_at: new Date().toISOString() }).execute();
});

let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
let restore: (() => void) | undefined;
beforeEach(async () => {
  await getDb().deleteFrom("outbox").execute();
});
afterEach(async () => {
  restore?.();
  restore = undefined;
  await smtp?.close();
  smtp = undefined;
});

const recipientsOf = async (messageId: number) =>
  (await getDb().selectFrom("message_recipient").select(["user_id", "locale", "outbox_id"]).where("message_id", "=", messageId).orderBy("user_id").execute());
const messageIdFrom = (location: string | null) => Number(/\/office\/messages\/(\d+)$/.exec(location ?? "")?.[1]);

describe("recipients", () => {
  it("are exactly the active, confirmed, not opted-out volunteers the filter names (each dimension excludes someone)", async () => {
    const counted = await post({ intent: "count", ...fullFilter() });
    expect(counted.status).toBe(200);
    expect(counted.data.count).toBe(3);
    // Without any filter: every one of them but the paused, unconfirmed, blocked, erased and opted-out.
    expect((await post({ intent: "count" })).data.count).toBe(9);

    const sent = await post({ intent: "send", ...fullFilter(), ...texts });
    expect(sent.status).toBe(302);
    const id = messageIdFrom(sent.location);
    const recipients = await recipientsOf(id);
    expect(recipients.map((r) => r.user_id).sort()).toEqual([people.matchAr, people.matchDe, people.matchUk].sort());
    const message = await getDb().selectFrom("message").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(message.recipient_count).toBe(3);
    expect(message.sent_at).not.toBeNull();
    expect(message.author_user_id).toBe(officeId);
    expect(JSON.parse(message.filter)).toEqual({ districtId: ids.schiefbahn, fieldId: ids.fieldA, language: "ar", skill: "koch", sponsor: "yes", organisationId: ids.org });
    // One outbox mail per recipient, linked from its recipient row.
    const outbox = await getDb().selectFrom("outbox").select(["id", "to_address"]).execute();
    expect(outbox).toHaveLength(3);
    expect(new Set(recipients.map((r) => r.outbox_id))).toEqual(new Set(outbox.map((o) => o.id)));

    // The office sees it in the list and on its page, with the delivery state from the outbox.
    const page = await run(detail.loader, makeRequest(`/office/messages/${id}`, { cookie: office }), { id: String(id) });
    expect(page.status).toBe(200);
    expect(page.data.message.recipient_count).toBe(3);
    expect(page.data.message.delivery).toMatchObject({ pending: 3, sent: 0, failed: 0 });
    expect(page.data.message.byLanguage).toEqual({ de: 2, ar: 1 });
    expect(JSON.stringify(page.data)).not.toContain("@example.org");
    const listed = await run(list.loader, makeRequest("/office/messages", { cookie: office }));
    expect(listed.data.result.items.map((m: { id: number }) => m.id)).toContain(id);
  });

  it("get their own language where the message has it, German otherwise", async () => {
    const sent = await post({ intent: "send", ...fullFilter(), ...texts });
    const id = messageIdFrom(sent.location);
    const byUser = new Map((await recipientsOf(id)).map((r) => [r.user_id, r]));
    expect(byUser.get(people.matchAr)?.locale).toBe("ar");
    expect(byUser.get(people.matchUk)?.locale).toBe("de");
    expect(byUser.get(people.matchDe)?.locale).toBe("de");
    const mail = async (key: string) => getDb().selectFrom("outbox").selectAll().where("id", "=", byUser.get(people[key])!.outbox_id!).executeTakeFirstOrThrow();
    expect((await mail("matchAr")).subject).toBe(texts.subject_ar);
    expect((await mail("matchAr")).html).toContain('dir="rtl"');
    expect((await mail("matchUk")).subject).toBe(texts.subject_de);
    expect((await mail("matchUk")).locale).toBe("de");
  });
});

describe("delivery", () => {
  it("goes through the loopback SMTP server with the text, the opt-out link and a List-Unsubscribe header", async () => {
    smtp = await startSmtp();
    restore = withEnv({ SMTP_URL: smtp.url });
    const sent = await post({ intent: "send", ...fullFilter(), ...texts });
    expect(sent.status).toBe(302);
    expect(await deliverDueMail()).toEqual({ sent: 3, failed: 0 });
    const de = await smtp.waitFor("matchde@example.org");
    expect(de.subject).toBe(texts.subject_de);
    expect(de.text).toContain("wir laden zum Sommerfest ein.");
    const link = /http:\/\/localhost:3000\/abmelden\/[A-Za-z0-9_-]+/.exec(de.text)?.[0];
    expect(link).toBeDefined();
    expect(de.headers["list-unsubscribe"]).toBe(`<${link}>`);
    expect(de.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const ar = await smtp.waitFor("matchar@example.org");
    expect(ar.subject).toBe(texts.subject_ar);
    expect(ar.headers["content-language"]).toBe("ar");
  });

  it(`keeps the rate limit: ${MESSAGE_MAILS_PER_MINUTE} mails of a message become due per minute`, async () => {
    const db = getDb();
    const extra = MESSAGE_MAILS_PER_MINUTE + 5;
    for (let i = 0; i < extra; i++) await createTestVolunteer(db, { status: "active", districtId: ids.anrath, skills: ["Massenversand"], email: `bulk-${i}@example.org` });
    smtp = await startSmtp();
    restore = withEnv({ SMTP_URL: smtp.url });
    const sent = await post({ intent: "send", skill: "massenversand", ...texts });
    expect(sent.status).toBe(302);
    const now = new Date();
    expect((await recipientsOf(messageIdFrom(sent.location))).length).toBe(extra);
    // The sender delivers only what is due: the first minute's share now, the rest a minute later.
    expect(await deliverDueMail({ now, limit: 1000 })).toEqual({ sent: MESSAGE_MAILS_PER_MINUTE, failed: 0 });
    expect(await deliverDueMail({ now: new Date(now.getTime() + 30_000), limit: 1000 })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueMail({ now: new Date(now.getTime() + 61_000), limit: 1000 })).toEqual({ sent: 5, failed: 0 });
    expect(smtp.received).toHaveLength(extra);
  });
});

describe("opt-out", () => {
  it("one click in the mail (RFC 8058 POST) opts out; later messages skip the person; transactional mail still arrives", async () => {
    const sent = await post({ intent: "send", ...fullFilter(), ...texts });
    const id = messageIdFrom(sent.location);
    const outboxId = (await recipientsOf(id)).find((r) => r.user_id === people.matchDe)!.outbox_id!;
    const mail = await getDb().selectFrom("outbox").select(["text", "list_unsubscribe"]).where("id", "=", outboxId).executeTakeFirstOrThrow();
    const token = mail.list_unsubscribe!.split("/abmelden/")[1];

    // Opening the link changes nothing (mail scanners); it names no one.
    const page = await run(optOutPage.loader, makeRequest(`/abmelden/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ optedOut: false });
    expect(await getDb().selectFrom("message_opt_out").select("user_id").where("user_id", "=", people.matchDe).executeTakeFirst()).toBeUndefined();

    const click = await run(optOutPage.action, makeRequest(`/abmelden/${token}`, { form: { "List-Unsubscribe": "One-Click" } }), { token });
    expect(click.status).toBe(302);
    expect((await run(optOutPage.loader, makeRequest(`/abmelden/${token}`), { token })).data).toEqual({ optedOut: true });

    expect((await post({ intent: "count", ...fullFilter() })).data.count).toBe(2);
    const next = await post({ intent: "send", ...fullFilter(), ...texts });
    expect((await recipientsOf(messageIdFrom(next.location))).map((r) => r.user_id)).not.toContain(people.matchDe);

    // A transactional mail (password reset) still reaches the person, through the loopback server.
    smtp = await startSmtp();
    restore = withEnv({ SMTP_URL: smtp.url });
    await getDb().deleteFrom("outbox").execute();
    await requestPasswordReset({ email: "matchde@example.org" });
    await deliverDueMail();
    const reset = await smtp.waitFor("matchde@example.org");
    expect(reset.text).toContain("/reset-password/");

    // Back in at /me/einwilligungen: the person is a recipient again.
    const cookie = await sessionCookie(people.matchDe);
    const back = await run(mePage.action, makeRequest("/me/einwilligungen/rundnachrichten", { form: { intent: "opt-in" }, cookie }));
    expect(back.status).toBe(302);
    expect((await post({ intent: "count", ...fullFilter() })).data.count).toBe(3);
    const out = await run(mePage.action, makeRequest("/me/einwilligungen/rundnachrichten", { form: { intent: "opt-out" }, cookie }));
    expect(out.status).toBe(302);
    expect((await post({ intent: "count", ...fullFilter() })).data.count).toBe(2);
    await run(mePage.action, makeRequest("/me/einwilligungen/rundnachrichten", { form: { intent: "opt-in" }, cookie }));
  });

  it("an unknown or malformed token is a 404, and an empty POST opts no one out", async () => {
    expect((await run(optOutPage.loader, makeRequest("/abmelden/unknownTokenAAAAAAAAAAAAAAAA"), { token: "unknownTokenAAAAAAAAAAAAAAAA" })).status).toBe(404);
    expect((await run(optOutPage.loader, makeRequest("/abmelden/x'"), { token: "x'" })).status).toBe(404);
    const sent = await post({ intent: "send", ...fullFilter(), ...texts });
    const recipient = (await recipientsOf(messageIdFrom(sent.location)))[0];
    const mail = await getDb().selectFrom("outbox").select("list_unsubscribe").where("id", "=", recipient.outbox_id!).executeTakeFirstOrThrow();
    const token = mail.list_unsubscribe!.split("/abmelden/")[1];
    const before = await snapshot();
    expect((await run(optOutPage.action, makeRequest(`/abmelden/${token}`, { form: { other: "x" } }), { token })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("drafts", () => {
  it("are kept with their filter and texts, continued and sent as the same message", async () => {
    const saved = await post({ intent: "draft", ...fullFilter(), ...texts });
    expect(saved.status).toBe(302);
    const id = messageIdFrom(saved.location);
    const draft = await getDb().selectFrom("message").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(draft.sent_at).toBeNull();
    expect(await getDb().selectFrom("outbox").selectAll().execute()).toHaveLength(0);
    const form = await run(newMessage.loader, makeRequest(`/office/messages/new?draft=${id}`, { cookie: office }));
    expect(form.data.defaultValue).toMatchObject({ draftId: String(id), subject_de: texts.subject_de, subject_ar: texts.subject_ar, districtId: String(ids.schiefbahn) });
    expect(form.data.count).toBe(3);
    const sent = await post({ intent: "send", draftId: String(id), ...fullFilter(), ...texts, subject_de: "Sommerfest (neu)" });
    expect(messageIdFrom(sent.location)).toBe(id);
    const after = await getDb().selectFrom("message").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(after.sent_at).not.toBeNull();
    expect(after.recipient_count).toBe(3);
    // A sent message is no draft any more.
    expect((await post({ intent: "send", draftId: String(id), ...fullFilter(), ...texts })).status).toBe(404);
  });

  it("preview shows the mail in each written language and writes nothing", async () => {
    const before = await snapshot();
    const res = await post({ intent: "preview", ...fullFilter(), ...texts });
    expect(res.status).toBe(200);
    expect(res.data.count).toBe(3);
    expect(res.data.preview.map((p: { locale: string }) => p.locale)).toEqual(["de", "ar"]);
    expect(res.data.preview[1].subject).toBe(texts.subject_ar);
    expect(res.data.preview[1].text).toContain("ندعوكم إلى حفل الصيف.");
    expect(await snapshot()).toEqual(before);
  });
});

describe("bad input", () => {
  const cases: Array<{ label: string; form: Record<string, string>; field?: string; key: string | RegExp }> = [
    { label: "no German subject", form: { ...texts, subject_de: "" }, field: "subject_de", key: "errors.required" },
    { label: "no German text", form: { ...texts, body_de: "  " }, field: "body_de", key: "errors.required" },
    { label: "an English subject without text", form: { ...texts, subject_en: "Summer party" }, field: "body_en", key: "messages:errors.bodyWithSubject" },
    { label: "a Ukrainian text without subject", form: { ...texts, body_uk: "Текст" }, field: "subject_uk", key: "messages:errors.subjectWithBody" },
    { label: "HTML in the text", form: { ...texts, body_de: '<script>alert("x")</script>' }, field: "body_de", key: "errors.forbiddenCharacters" },
    { label: "a bidi override in the subject", form: { ...texts, subject_ar: "abc\u202Egnp.exe" }, field: "subject_ar", key: "errors.forbiddenCharacters" },
    { label: "a subject too long", form: { ...texts, subject_de: "x".repeat(151) }, field: "subject_de", key: /errors\.tooLong/ },
  ];
  for (const intent of ["send", "draft", "preview"]) {
    for (const c of cases) {
      it(`${intent}: ${c.label} → 400, the message at the field, the input kept, nothing written`, async () => {
        const before = await snapshot();
        const res = await post({ intent, ...fullFilter(), ...c.form });
        expect(res.status).toBe(400);
        expectFieldError(res.data, c.field!, c.key);
        expect(res.data.initialValue.subject_ar).toBe(c.form.subject_ar);
        expect(res.data.initialValue.districtId).toBe(String(ids.schiefbahn));
        expect(res.data.count).toBe(3);
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it("a filter nobody matches cannot be sent (form message), nothing written", async () => {
    const before = await snapshot();
    const res = await post({ intent: "send", skill: "niemand-kann-das", ...texts });
    expect(res.status).toBe(400);
    expect(res.data.error[""]).toEqual(["messages:errors.noRecipients"]);
    expect(res.data.initialValue.subject_de).toBe(texts.subject_de);
    expect(res.data.count).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("an unknown step is a 400; a malformed filter value is refused at its field (never ignored: no wider group)", async () => {
    expect((await post({ intent: "publish", ...texts })).status).toBe(400);
    for (const [field, value] of [["districtId", "abc"], ["sponsor", "maybe"], ["language", "<b>"], ["organisationId", "0"]]) {
      const before = await snapshot();
      const res = await post({ intent: "send", ...fullFilter(), ...texts, [field]: value });
      expect(res.status).toBe(400);
      expectFieldError(res.data, field, "errors.invalidChoice");
      expect(res.data.initialValue[field]).toBe(value);
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe("only the office", () => {
  it("volunteers and association members may neither see nor send", async () => {
    const db = getDb();
    const volunteer = await sessionCookie(people.matchDe);
    const member = await sessionCookie((await createTestUser(db, { roles: ["association_member"], organisationIds: [ids.org] })).id);
    const before = await snapshot();
    for (const cookie of [volunteer, member]) {
      expect((await post({ intent: "send", ...fullFilter(), ...texts }, cookie)).status).toBe(403);
      expect((await run(newMessage.loader, makeRequest("/office/messages/new", { cookie }))).status).toBe(403);
      expect((await run(list.loader, makeRequest("/office/messages", { cookie }))).status).toBe(403);
    }
    expect((await post({ intent: "send", ...fullFilter(), ...texts }, "")).status).toBe(302);
    expect(await snapshot()).toEqual(before);
  });
});

describe("personal data (Art. 15/17)", () => {
  it("the export lists the messages received (with the mail's state) and the opt-out; erasure removes both and the person's mails, the message keeps its count", async () => {
    const db = getDb();
    const v = await createTestVolunteer(db, { status: "active", districtId: ids.anrath, skills: ["Datenauskunft"], email: "auskunft@example.org", locale: "ar" });
    const sent = await post({ intent: "send", skill: "datenauskunft", ...texts });
    const id = messageIdFrom(sent.location);
    await db.insertInto("message_opt_out").values({ user_id: v.id, opted_out_at: new Date().toISOString() }).execute();
    const actor: Actor = { userId: v.id, email: v.email, name: "Person", locale: "ar", emailVerified: true, roles: ["volunteer"], organisationIds: [] };
    const exported = (await exportOwnData(actor)) as unknown as { messages: { groupMessages: Array<{ subject: string; language: string }>; groupMessageOptOut: unknown[] } };
    expect(exported.messages.groupMessages).toEqual([expect.objectContaining({ subject: texts.subject_ar, language: "ar", delivery: "pending" })]);
    expect(exported.messages.groupMessageOptOut).toHaveLength(1);
    const outboxId = (await recipientsOf(id))[0].outbox_id!;
    expect(await db.selectFrom("outbox").select("to_address").where("id", "=", outboxId).executeTakeFirst()).toEqual({ to_address: "auskunft@example.org" });
    await eraseOwnData(actor);
    expect(await db.selectFrom("message_recipient").select("user_id").where("user_id", "=", v.id).execute()).toEqual([]);
    // The person's copy of the mail (address, name, text) goes too: a waiting one is never sent.
    expect(await db.selectFrom("outbox").select("id").where("id", "=", outboxId).execute()).toEqual([]);
    expect(await db.selectFrom("message_opt_out").select("user_id").where("user_id", "=", v.id).execute()).toEqual([]);
    expect((await db.selectFrom("message").select("recipient_count").where("id", "=", id).executeTakeFirstOrThrow()).recipient_count).toBe(1);
  });
});
