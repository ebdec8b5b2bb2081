import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

/** The office revoked the private link of a booking and sends a new one. */
export const roomManageLink = defineTemplate("room-manage-link", (t, d: RoomMailData) => roomMail(t, "newLink", d));
