/** Bounds of one import (the upload is read in memory once, then kept row by row in the database). */
export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  /** An XLSX is a ZIP: what its parts may take unpacked (checked before unpacking). */
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 60,
  /** Rows validated, planned or run per transaction. */
  chunk: 500,
  /** How long a running batch belongs to one process without a sign of life. */
  leaseMs: 120_000,
  /** How long the invitation link of an imported volunteer stays valid. */
  invitationDays: 14,
} as const;

export const IMPORT_KINDS = ["volunteers", "organisations", "households", "donation-offers"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** The kinds this release can import. */
export const ENABLED_KINDS = IMPORT_KINDS;
