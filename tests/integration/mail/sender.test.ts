import fs from "node:fs";
import { SMTPServer } from "smtp-server";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requestPasswordReset } from "../../../app/modules/accounts/commands.server";
import { enqueueMail } from "../../../app/modules/mail/outbox.server";
import { deliverDueMail } from "../../../app/modules/mail/sender.server";
import { getDb, transaction } from "../../../app/utils/db.server";
import * as outboxDetail from "../../../app/routes/office.outbox.$id";
import * as outboxList from "../../../app/routes/office.outbox._index";
import * as register from "../../../app/routes/register";
import { createTestUser } from "../../factories";
import { makeRequest, run, sessionCookie } from "../../setup/remix";
import { startSmtp } from "../../setup/smtp";
import { withEnv } from "../helpers";

type Smtp = Awaited<ReturnType<typeof startSmtp>>;
let smtp: Smtp | undefined;
let restore: (() => void) | undefined;

async function useSmtp(opts: { failFirst?: number } = {}, extraEnv: Record<string, string> = {}) {
  smtp = await startSmtp(opts);
  restore = withEnv({ SMTP_URL: smtp.url, ...extraEnv });
  return smtp;
}

const enqueue = (to: string, locale = "de") =>
  transaction((trx) => enqueueMail(trx, { to, locale, template: "password-changed-notice", data: { name: "Test Person" } }));
const outbox = () => getDb().selectFrom("outbox").selectAll().orderBy("id").execute();
const emailsJson = (lang: string) => JSON.parse(fs.readFileSync(`app/i18n/locales/${lang}/emails.json`, "utf8"));

beforeEach(async () => {
  await getDb().deleteFrom("outbox").execute();
});
afterEach(async () => {
  restore?.();
  restore = undefined;
  await smtp?.close();
  smtp = undefined;
});

describe("outbox sender", () => {
  it("delivers each message exactly once, with its stable Message-ID, and marks it sent", async () => {
    const server = await useSmtp();
    for (const to of ["a@example.org", "b@example.org", "c@example.org"]) await enqueue(to);
    const queued = await outbox();
    expect(new Set(queued.map((m) => m.message_id)).size).toBe(3);

    expect(await deliverDueMail()).toEqual({ sent: 3, failed: 0 });
    expect(server.received).toHaveLength(3);
    for (const m of queued) {
      const got = server.received.filter((r) => r.to.includes(m.to_address));
      expect(got).toHaveLength(1);
      expect(got[0].messageId).toBe(m.message_id);
      expect(got[0].subject).toBe(m.subject);
      expect(got[0].text).toContain("Test Person");
    }
    for (const m of await outbox()) {
      expect(m.status).toBe("sent");
      expect(m.attempts).toBe(1);
      expect(m.sent_at).not.toBeNull();
      expect(m.lease_until).toBeNull();
    }
    // A second run finds nothing to do.
    expect(await deliverDueMail()).toEqual({ sent: 0, failed: 0 });
    expect(server.received).toHaveLength(3);
  });

  it("a stopping sender finishes the message it has started and claims no further one", async () => {
    const server = await useSmtp();
    for (const to of ["a@example.org", "b@example.org", "c@example.org"]) await enqueue(to);
    // The stop arrives while the first message is being sent (its data is at the server, not yet answered).
    let stopping = false;
    void server.holding.then(() => (stopping = true));
    expect(await deliverDueMail({ shouldStop: () => stopping })).toEqual({ sent: 1, failed: 0 });
    const rows = await outbox();
    expect(rows.map((m) => [m.to_address, m.status, m.lease_until])).toEqual([
      ["a@example.org", "sent", null],
      ["b@example.org", "pending", null],
      ["c@example.org", "pending", null],
    ]);
  });

  it("sends in the recipient's language (subject from that language's emails.json)", async () => {
    const server = await useSmtp();
    for (const locale of ["uk", "ar", "en", "de"]) {
      await createTestUser(getDb(), { email: `lang-${locale}@example.org`, locale });
      await requestPasswordReset({ email: `lang-${locale}@example.org` });
    }
    await deliverDueMail();
    for (const locale of ["uk", "ar", "en", "de"]) {
      const mail = await server.waitFor(`lang-${locale}@example.org`);
      expect(mail.subject).toBe(emailsJson(locale).resetPassword.subject);
      expect(mail.headers["content-language"]).toBe(locale);
      expect(mail.text).toContain(emailsJson(locale).resetPassword.action);
    }
    const ar = (await outbox()).find((m) => m.to_address === "lang-ar@example.org")!;
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    const de = (await outbox()).find((m) => m.to_address === "lang-de@example.org")!;
    expect(de.html).toMatch(/<html lang="de" dir="ltr">/);
  });

  it("an unknown locale falls back to German", async () => {
    await useSmtp();
    await enqueue("klingon@example.org", "tlh");
    const [m] = await outbox();
    expect(m.locale).toBe("de");
    expect(m.subject).toBe(emailsJson("de").passwordChangedNotice.subject);
  });

  it("retries with back-off after a 451, keeping the Message-ID", async () => {
    const server = await useSmtp({ failFirst: 1 });
    await enqueue("retry@example.org");
    const [queued] = await outbox();
    const t0 = new Date(Date.now() + 1000);

    expect(await deliverDueMail({ now: t0 })).toEqual({ sent: 0, failed: 1 });
    let [m] = await outbox();
    expect(m.status).toBe("pending");
    expect(m.attempts).toBe(1);
    expect(m.last_error).toMatch(/451/);
    expect(m.next_attempt_at).toBe(new Date(t0.getTime() + 30_000).toISOString());
    expect(m.lease_until).toBeNull();

    // Not due yet: nothing is tried.
    expect(await deliverDueMail({ now: new Date(t0.getTime() + 29_000) })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueMail({ now: new Date(t0.getTime() + 30_000) })).toEqual({ sent: 1, failed: 0 });
    [m] = await outbox();
    expect(m.status).toBe("sent");
    expect(m.attempts).toBe(2);
    expect(m.last_error).toBeNull();
    expect(server.received).toHaveLength(1);
    expect(server.received[0].messageId).toBe(queued.message_id);
  });

  it("marks a message failed after OUTBOX_MAX_ATTEMPTS and then leaves it alone", async () => {
    await useSmtp({ failFirst: 100 }, { OUTBOX_MAX_ATTEMPTS: "3" });
    await enqueue("hopeless@example.org");
    let now = new Date(Date.now() + 1000);
    const seen: { attempts: number; status: string; next: string }[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await deliverDueMail({ now })).toEqual({ sent: 0, failed: 1 });
      const [m] = await outbox();
      seen.push({ attempts: m.attempts, status: m.status, next: m.next_attempt_at });
      now = new Date(m.next_attempt_at);
    }
    expect(seen.map((s) => [s.attempts, s.status])).toEqual([
      [1, "pending"],
      [2, "pending"],
      [3, "failed"],
    ]);
    // The back-off grows: 30 s, then 60 s.
    const gaps = [new Date(seen[1].next).getTime() - new Date(seen[0].next).getTime()];
    expect(gaps[0]).toBe(60_000);
    expect(await deliverDueMail({ now: new Date(now.getTime() + 86_400_000) })).toEqual({ sent: 0, failed: 0 });
    expect((await outbox())[0].attempts).toBe(3);
  });

  it("two concurrent senders never send one message twice", async () => {
    const server = await useSmtp();
    for (let i = 0; i < 12; i++) await enqueue(`many${i}@example.org`);
    const [a, b] = await Promise.all([deliverDueMail(), deliverDueMail()]);
    expect(a.sent + b.sent).toBe(12);
    expect(server.received).toHaveLength(12);
    expect(new Set(server.received.map((r) => r.messageId)).size).toBe(12);
    expect((await outbox()).every((m) => m.status === "sent" && m.attempts === 1)).toBe(true);
  });

  it("a concurrent sender does not retry a message another one just failed (back-off holds)", async () => {
    // why: a hand-made loopback server, because this needs one slow and one failing recipient.
    const attempts: Record<string, number> = {};
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          const to = session.envelope.rcptTo[0].address;
          attempts[to] = (attempts[to] ?? 0) + 1;
          if (to.startsWith("fail")) return callback(Object.assign(new Error("try later"), { responseCode: 451 }));
          setTimeout(() => callback(), 1500);
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    restore = withEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}` });
    try {
      await enqueue("slow@example.org");
      await enqueue("fail@example.org");
      await Promise.all([deliverDueMail(), deliverDueMail()]);
      expect(attempts).toEqual({ "slow@example.org": 1, "fail@example.org": 1 });
      const rows = await outbox();
      expect(rows.map((m) => [m.to_address, m.status, m.attempts])).toEqual([
        ["slow@example.org", "sent", 1],
        ["fail@example.org", "pending", 1],
      ]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("without SMTP_URL mail stays pending in the outbox", async () => {
    restore = withEnv({ SMTP_URL: undefined });
    await enqueue("kept@example.org");
    expect(await deliverDueMail()).toEqual({ sent: 0, failed: 0 });
    const [m] = await outbox();
    expect(m.status).toBe("pending");
    expect(m.attempts).toBe(0);
  });
});

describe("queued mail without SMTP", () => {
  it("is readable by admins at /office/outbox, with its text", async () => {
    restore = withEnv({ SMTP_URL: undefined });
    await enqueue("readable@example.org");
    const admin = await createTestUser(getDb(), { roles: ["admin"] });
    const cookie = await sessionCookie(admin.id);
    const list = await run(outboxList.loader, makeRequest("/office/outbox?status=pending", { cookie }));
    expect(list.data.smtpConfigured).toBe(false);
    const item = list.data.result.items.find((m: { to_address: string }) => m.to_address === "readable@example.org");
    expect(item.status).toBe("pending");
    const one = await run(outboxDetail.loader, makeRequest(`/office/outbox/${item.id}`, { cookie }), { id: String(item.id) });
    expect(one.data.message.text).toContain("Test Person");
  });

  it("a registration is mailed in the language the visitor used", async () => {
    const res = await run(
      register.action,
      makeRequest("/register", {
        form: { name: "Olena Test", email: "olena@example.org", password: "lange genug 123", passwordRepeat: "lange genug 123", terms: "on" },
        headers: { "Accept-Language": "uk-UA,uk;q=0.9" },
      }),
    );
    expect(res.status).toBe(302);
    const user = await getDb().selectFrom("user").select("locale").where("email", "=", "olena@example.org").executeTakeFirstOrThrow();
    expect(user.locale).toBe("uk");
    const [m] = await outbox();
    expect(m.locale).toBe("uk");
    expect(m.subject).toBe(emailsJson("uk").verifyEmail.subject);
  });
});

describe("outbox and transactions", () => {
  it("a command that fails after enqueueing leaves no mail (and no other trace)", async () => {
    const { getEngine } = await import("../../../app/utils/db.server");
    const tokensBefore = await getDb().selectFrom("email_token").selectAll().execute();
    // why: a real failure inside the command's transaction, after the mail was queued
    // (the audit entry is written last); a trigger on this test's own database.
    const postgres = getEngine() === "postgres";
    if (postgres) {
      await sql`create function fail_audit() returns trigger language plpgsql as $$ begin raise exception 'audit unavailable'; end $$`.execute(getDb());
      await sql`create trigger fail_audit before insert on audit_log for each row execute function fail_audit()`.execute(getDb());
    } else {
      await sql`create trigger fail_audit before insert on audit_log begin select raise(abort, 'audit unavailable'); end`.execute(getDb());
    }
    try {
      const { registerUser } = await import("../../../app/modules/accounts/commands.server");
      await expect(registerUser({ name: "Rolf Rollback", email: "rollback@example.org", password: "lange genug 123", locale: "de" })).rejects.toThrow(/audit unavailable/);
    } finally {
      if (postgres) {
        await sql`drop trigger fail_audit on audit_log`.execute(getDb());
        await sql`drop function fail_audit()`.execute(getDb());
      } else await sql`drop trigger fail_audit`.execute(getDb());
    }
    expect(await outbox()).toEqual([]);
    expect(await getDb().selectFrom("user").select("id").where("email", "=", "rollback@example.org").execute()).toEqual([]);
    expect(await getDb().selectFrom("email_token").selectAll().execute()).toEqual(tokensBefore);
  });

  it("a transaction that throws after enqueueMail rolls the mail back", async () => {
    await expect(
      transaction(async (trx) => {
        await enqueueMail(trx, { to: "never@example.org", locale: "de", template: "password-changed-notice", data: { name: "N" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await outbox()).toEqual([]);
  });
});
