import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomKeyReturnReminder = defineTemplate("room-key-return-reminder", (t, d: RoomMailData) => roomMail(t, "keyReturn", d));
