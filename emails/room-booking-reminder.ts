import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomBookingReminder = defineTemplate("room-booking-reminder", (t, d: RoomMailData) => roomMail(t, "reminder", d));
