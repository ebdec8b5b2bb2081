import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomBookingConfirmed = defineTemplate("room-booking-confirmed", (t, d: RoomMailData) => roomMail(t, "confirmed", d));
