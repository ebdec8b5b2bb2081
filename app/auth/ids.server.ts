import { generateIdFromEntropySize } from "lucia";

/** A new random id (user ids, unguessable placeholders) in the session library's format: modules take ids from here, never from lucia itself. */
export function newRandomId(entropyBytes = 10): string {
  return generateIdFromEntropySize(entropyBytes);
}
