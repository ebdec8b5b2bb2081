/**
 * A separate Node process that approves bookings on a shared database file, for the
 * two-process concurrency test: `node --import tsx approve-worker.ts <db> <ids…>`.
 * Prints one JSON line: the outcome per id ("confirmed", or "<message key>#<id of the blocking booking>").
 */
import type { Actor } from "../../../app/auth/permissions";

const [file, userId, ...ids] = process.argv.slice(2);
process.env.DATABASE_PATH = file;
process.env.BASE_URL = "http://localhost:3000";
process.env.LOG_LEVEL = "silent";
process.env.NODE_ENV = "test";

const { approveBooking } = await import("../../../app/modules/rooms/decide-booking.server");
const { isAppError } = await import("../../../app/utils/errors");

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
process.stdout.write(JSON.stringify(results) + "\n");
process.exit(0);
