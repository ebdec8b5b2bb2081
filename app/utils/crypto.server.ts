import { createHash, randomBytes } from "node:crypto";

/** An unguessable token for links (160 bits, URL-safe). */
export function generateToken(bytes = 20): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens are stored only as their SHA-256 hash. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
