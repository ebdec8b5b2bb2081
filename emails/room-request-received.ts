import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomRequestReceived = defineTemplate("room-request-received", (t, d: RoomMailData) => roomMail(t, "received", d));
