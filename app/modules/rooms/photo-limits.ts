/** Limits of room photos (shared with the browser: the form states them). */
export const MAX_ROOM_PHOTOS = 8;
export const MAX_ROOM_PHOTO_MB = 8;
export const MAX_ALT_LENGTH = 300;
