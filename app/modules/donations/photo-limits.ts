/** Limits of offer photos (shared with the browser: the form states them). */
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_MB = 8;
