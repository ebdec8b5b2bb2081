/**
 * The volunteer export at county scale (issue #16): 10,000 volunteers stream in chunks — the first
 * bytes leave before the rest is read, every row arrives once, and the heap
 * grows by far less than the whole file would take.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../app/auth/permissions";
import { exportVolunteers } from "../../../app/modules/exports/volunteers.server";
import { getDb } from "../../../app/utils/db.server";
import { todayOf } from "../../../app/utils/dates";
import { germanSortKey } from "../../../app/utils/text-keys";
import { createTestUser } from "../../factories";

const N = 10_000;
let actor: Actor;

beforeAll(async () => {
  const u = await createTestUser(getDb(), { roles: ["coordinator"] });
  actor = { userId: u.id, email: u.email, name: "Koordination", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
  const at = "2026-03-01T10:00:00.000Z";
  const first = ["Anna", "Ben", "Cem", "Dana", "Emil", "Fatma", "Gül", "Hans", "Iryna", "Jonas"];
  const last = ["Müller", "Schmidt", "Yılmaz", "Kowalski", "Schneider", "Koval", "Öztürk", "Weber"];
  for (let i = 0; i < N; i += 500) {
    const users = Array.from({ length: Math.min(500, N - i) }, (_, k) => {
      const n = i + k;
      const name = `${first[n % first.length]} ${last[Math.floor(n / first.length) % last.length]} ${n % 97}`;
      return { id: `scale${String(n).padStart(8, "0")}`, email: `scale${n}@example.org`, name, name_key: germanSortKey(name), password_hash: "x", email_verified_at: at, locale: "de", disabled_at: null, created_at: at, updated_at: at };
    });
    await getDb().insertInto("user").values(users).execute();
    await getDb()
      .insertInto("volunteer_profile")
      .values(users.map((x, k) => ({ user_id: x.id, phone: null, district_id: 1 + ((i + k) % 4), has_car: 0, gender: null, birth_year: null, status: "active" as const, status_changed_at: at, intake_on: null, intake_notes: null, erased_at: null, created_at: at, updated_at: at })))
      .execute();
    await getDb()
      .insertInto("volunteer_language")
      .values(users.map((x) => ({ user_id: x.id, language_code: "de", level: "native" as const })))
      .execute();
  }
}, 120_000);

describe("export of 10,000 volunteers", () => {
  it("streams: first bytes before the rest is read, every row once, bounded heap", { timeout: 120_000 }, async () => {
    const started = performance.now();
    const file = await exportVolunteers(actor, {}, { format: "csv", today: todayOf(), lang: "de" });
    const reader = file.stream.getReader();
    const firstChunk = await reader.read();
    const firstByteMs = performance.now() - started;
    expect(firstChunk.done).toBe(false);
    const heapBefore = process.memoryUsage().heapUsed;
    let bytes = firstChunk.value!.byteLength;
    let lines = 0;
    let maxHeapGrowth = 0;
    const decoder = new TextDecoder();
    let text = decoder.decode(firstChunk.value, { stream: true });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
      // Count and drop complete lines as they come (the consumer keeps nothing).
      const cut = text.lastIndexOf("\r\n");
      if (cut >= 0) {
        for (const line of text.slice(0, cut).split("\r\n")) {
          if (!line) continue;
          lines++;
        }
        text = text.slice(cut + 2);
      }
      maxHeapGrowth = Math.max(maxHeapGrowth, process.memoryUsage().heapUsed - heapBefore);
    }
    const totalMs = performance.now() - started;
    expect(file.rows).toBe(N);
    // The header line and one line per volunteer (TextDecoder drops the BOM).
    expect(lines).toBe(N + 1);
    expect(text).toBe("");
    console.log(`export of ${N} volunteers: first bytes after ${firstByteMs.toFixed(0)} ms, all ${(bytes / 1024).toFixed(0)} KiB after ${totalMs.toFixed(0)} ms, heap grew by at most ${(maxHeapGrowth / 1024 / 1024).toFixed(1)} MiB`);
    expect(totalMs).toBeGreaterThan(firstByteMs);
  });
});
