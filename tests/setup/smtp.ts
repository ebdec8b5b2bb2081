/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives.
 * Mail is read by a tiny MIME reader (headers, text/plain part, attachments, nested multiparts,
 * quoted-printable/base64).
 */
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  from: string;
  raw: string;
  subject: string;
  messageId: string;
  text: string;
  headers: Record<string, string>;
  /** Parts with a file name (e.g. `buchung.ics`), decoded to UTF-8 text. */
  attachments: MailAttachment[];
};

function unfoldHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeWords(v: string): string {
  // Whitespace between two adjacent encoded words is not part of the text (RFC 2047, 6.2).
  return v.replace(/(\?=)\s+(?==\?utf-8\?)/gi, "$1").replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
  );
}

function decodeQp(s: string): string {
  const bytes = s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

export type MailAttachment = { filename: string; contentType: string; content: string };

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? "").toLowerCase();
  return enc === "quoted-printable" ? decodeQp(body) : enc === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
}

/**
 * Walks a (possibly nested) multipart body: the text/plain part becomes `text`; parts with a
 * filename (Content-Disposition or Content-Type `name`) become `attachments`, decoded to UTF-8.
 */
function walkParts(headers: Record<string, string>, body: string, out: { text: string; attachments: MailAttachment[] }) {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const p = part.replace(/^\r?\n/, "");
      const s = p.search(/\r?\n\r?\n/);
      if (s < 0) continue;
      walkParts(unfoldHeaders(p.slice(0, s)), p.slice(s).replace(/^\r?\n\r?\n/, "").replace(/\r?\n$/, ""), out);
    }
    return;
  }
  const filename = /filename\*?="?([^";]+)"?/i.exec(headers["content-disposition"] ?? "")?.[1] ?? /\bname="?([^";]+)"?/i.exec(type)?.[1];
  if (filename) out.attachments.push({ filename: decodeWords(filename), contentType: type, content: decodeBody(body, headers["content-transfer-encoding"]) });
  else if (type.startsWith("text/plain") && !out.text) out.text = decodeBody(body, headers["content-transfer-encoding"]);
}

export function parseMime(raw: string) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = unfoldHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const out = { text: "", attachments: [] as MailAttachment[] };
  if (/boundary=/i.test(headers["content-type"] ?? "")) walkParts(headers, body, out);
  else out.text = body;
  return { headers, text: out.text.trim(), attachments: out.attachments, subject: decodeWords(headers["subject"] ?? ""), messageId: headers["message-id"] ?? "" };
}

/**
 * `failFirst`: refuse that many messages first (451). `hold`: answer no message's data until
 * `release()` is called (`holding` resolves when the first one waits), so a test can act while a
 * mail is in the middle of being sent.
 */
export async function startSmtp(opts: { failFirst?: number; hold?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  let failures = opts.failFirst ?? 0;
  let release = () => {};
  const released = opts.hold ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  let held = () => {};
  const holding = new Promise<void>((resolve) => (held = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        held();
        await released;
        if (failures > 0) {
          failures--;
          const err = new Error("Temporary failure") as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = parseMime(raw);
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw,
          ...parsed,
        });
        callback();
      });
    },
  });
  // A connection error inside a transaction (the app's process ended while it sent a mail) comes to
  // the server as an 'error' event; without a listener it would be an uncaught exception in the test
  // run. The sender retries such a mail, so it is kept here for a test to read, not thrown.
  const errors: Error[] = [];
  server.on("error", (err: Error) => errors.push(err));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves when a message's data has arrived and waits for `release()` (with `hold`). */
    holding,
    /** Lets the held messages (and all later ones) be answered. */
    release: () => release(),
    /** Connection errors the server reported (e.g. a client that went away in the middle of a mail). */
    errors,
    /** Waits until a mail to `to` arrives (polling), or fails after `ms`. */
    async waitFor(to: string, ms = 15_000): Promise<ReceivedMail> {
      const start = Date.now();
      for (;;) {
        const m = [...received].reverse().find((r) => r.to.includes(to.toLowerCase()));
        if (m) return m;
        if (Date.now() - start > ms) throw new Error(`no mail to ${to} within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function firstLink(text: string): string {
  const m = /https?:\/\/\S+/.exec(text);
  if (!m) throw new Error("no link in mail");
  return m[0];
}
