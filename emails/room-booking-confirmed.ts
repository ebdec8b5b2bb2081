import type { TFunction } from "i18next";
import { defineTemplate } from "./define";
import { roomMail, type RoomMailData } from "./room-mail";

/** Where and when the key is collected, as the office configured it for the room (nothing when not set). */
const keyPickup = (t: TFunction, d: RoomMailData): string[] => {
  if (d.keyPlace && d.keyHours) return [t("rooms.confirmed.keyPickup", { place: d.keyPlace, hours: d.keyHours })];
  if (d.keyPlace || d.keyHours) return [t("rooms.confirmed.keyPickupOne", { what: d.keyPlace || d.keyHours })];
  return [];
};

/** The room's note on the fee, as the office configured it (nothing when not set). */
const feeNote = (t: TFunction, d: RoomMailData): string[] => (d.feeNote ? [t("rooms.confirmed.feeNote", { note: d.feeNote })] : []);

/** The room's texts in another language than the mail's (German where none was entered): marked in the HTML. */
const foreign = (d: RoomMailData) => [
  ...(d.keyPlace && d.keyPlaceLang ? [{ text: d.keyPlace, lang: d.keyPlaceLang }] : []),
  ...(d.keyHours && d.keyHoursLang ? [{ text: d.keyHours, lang: d.keyHoursLang }] : []),
  ...(d.feeNote && d.feeNoteLang ? [{ text: d.feeNote, lang: d.feeNoteLang }] : []),
];

export const roomBookingConfirmed = defineTemplate("room-booking-confirmed", (t, d: RoomMailData) => ({ ...roomMail(t, "confirmed", d, [...keyPickup(t, d), ...feeNote(t, d)]), foreign: foreign(d) }));
