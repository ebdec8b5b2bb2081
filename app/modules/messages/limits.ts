/** Bounds of sending a message to a group (issue #17, ADR 0047). */
export const MESSAGE_SEND_LIMITS = {
  /**
   * The rate limit of group messages: at most this many of a message's mails become due per minute
   * (the outbox sender delivers what is due; later mails wait in the outbox with a later
   * `next_attempt_at`), so one message never floods the mail server or the sender's queue.
   */
  mailsPerMinute: 60,
  /** Recipients (and their outbox mails) written per transaction by the send job. */
  batch: 500,
  /** How long a running send job belongs to one process without a sign of life. */
  leaseMs: 120_000,
  /** Runs that ended in an error before the message is marked failed (the page says so). */
  maxFailures: 3,
} as const;
