import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomBookingDeclined = defineTemplate("room-booking-declined", (t, d: RoomMailData) => roomMail(t, "declined", d));
