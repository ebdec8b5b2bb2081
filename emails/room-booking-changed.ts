import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomBookingChanged = defineTemplate("room-booking-changed", (t, d: RoomMailData) => roomMail(t, "changed", d));
