import type { TFunction } from "i18next";
import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

/** Where and when the key is collected, as the office configured it for the room (nothing when not set). */
const keyPickup = (t: TFunction, d: RoomMailData): string[] => {
  if (d.keyPlace && d.keyHours) return [t("rooms.confirmed.keyPickup", { place: d.keyPlace, hours: d.keyHours })];
  if (d.keyPlace || d.keyHours) return [t("rooms.confirmed.keyPickupOne", { what: d.keyPlace || d.keyHours })];
  return [];
};

export const roomBookingConfirmed = defineTemplate("room-booking-confirmed", (t, d: RoomMailData) => roomMail(t, "confirmed", d, keyPickup(t, d)));
