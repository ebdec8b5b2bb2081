import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomBookingCancelled = defineTemplate("room-booking-cancelled", (t, d: RoomMailData) => roomMail(t, "cancelled", d));
