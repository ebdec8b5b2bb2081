import { berlinIcsLocal } from "~/utils/dates";

/**
 * A small RFC 5545 writer: CRLF line ends, lines folded at 75 octets (never inside a UTF-8
 * sequence), escaped text, local times with TZID=Europe/Berlin and its VTIMEZONE, and
 * stable UIDs (one per booking) so a changed booking replaces the old event.
 */
export type IcsEvent = {
  uid: string;
  startsAt: string;
  endsAt: string;
  summary: string;
  description?: string;
  location?: string;
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  sequence?: number;
  lastModified?: string;
  /** A recurrence rule (e.g. `FREQ=WEEKLY;BYDAY=MO`): the offers directory's weekly slots. */
  rrule?: string;
};

export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

export function foldLine(line: string): string {
  // At most three UTF-8 bytes per UTF-16 unit: short lines need no counting.
  if (line.length <= 25 || Buffer.byteLength(line, "utf8") <= 75) return line;
  const bytes = Buffer.from(line, "utf8");
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to a character boundary (continuation bytes are 10xxxxxx).
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join("\r\n ");
}

export const utc = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const local = berlinIcsLocal;

const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

export function buildCalendar(args: { name: string; events: IcsEvent[]; now: Date; method?: "PUBLISH"; prodId?: string }): string {
  const stamp = utc(args.now.toISOString());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${args.prodId ?? "-//Ehrenamt-Hub//Rooms//DE"}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${args.method ?? "PUBLISH"}`,
    `X-WR-CALNAME:${escapeText(args.name)}`,
    "X-WR-TIMEZONE:Europe/Berlin",
    ...VTIMEZONE,
  ];
  for (const e of args.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/Berlin:${local(e.startsAt)}`,
      `DTEND;TZID=Europe/Berlin:${local(e.endsAt)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.rrule) lines.push(`RRULE:${e.rrule}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
    if (e.lastModified) lines.push(`LAST-MODIFIED:${utc(e.lastModified)}`);
    lines.push("TRANSP:OPAQUE", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** A stable UID per booking: updates replace, never duplicate. */
export const bookingUid = (id: number) => `booking-${id}@ehrenamt-hub`;

/** SEQUENCE grows with each change (seconds since creation of the last update), so clients take the newest. */
export const sequenceOf = (createdAt: string, updatedAt: string) => Math.max(0, Math.floor((Date.parse(updatedAt) - Date.parse(createdAt)) / 1000));
