import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

export const roomConfirmRequest = defineTemplate("room-confirm-request", (t, d: RoomMailData) => roomMail(t, "confirmRequest", d, [t("rooms.confirmRequest.validity", { hours: 24 })]));
