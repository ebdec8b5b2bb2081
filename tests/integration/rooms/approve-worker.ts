/**
 * A separate Node process that approves bookings on the test file's database, for the
 * two-process concurrency test: `node --import tsx approve-worker.ts <db> <user id> <ids…>`, where
 * <db> is a SQLite file or a postgres:// URL (either engine, as the test runs).
 * Prints one JSON line: the outcome per id ("confirmed", or "<message key>#<id of the blocking
 * booking>") and how often its transactions waited or ran again (`retries`).
 */
import type { Actor } from "../../../app/auth/permissions";

const [target, userId, ...ids] = process.argv.slice(2);
const { engineOfUrl } = await import("../../../db/dialect");
if (engineOfUrl(target) === "postgres") process.env.DATABASE_URL = target;
else {
  delete process.env.DATABASE_URL;
  process.env.DATABASE_PATH = target;
}
process.env.BASE_URL = "http://localhost:3000";
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { approveBooking } = await import("../../../app/modules/rooms/decide-booking.server");
const { isAppError } = await import("../../../app/utils/errors");
const { commandRetries } = await import("../../../db/database");
const { closeDb } = await import("../../../app/utils/db.server");

const actor: Actor = { userId, email: "worker@example.org", name: "Worker", locale: "de", emailVerified: true, roles: ["coordinator"], organisationIds: [] };
// Tell the test this process has loaded the app, then wait for the go signal on stdin, so both
// processes start together.
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const results = await Promise.all(
  ids.map(async (id) => {
    try {
      await approveBooking(actor, Number(id));
      return "confirmed";
    } catch (e) {
      // The key and the id of the booking the refusal names.
      return isAppError(e) ? `${e.key}#${e.values?.bookingId ?? ""}` : String(e);
    }
  }),
);
process.stdout.write(JSON.stringify({ results, retries: commandRetries.count }) + "\n");
await closeDb();
process.exit(0);
