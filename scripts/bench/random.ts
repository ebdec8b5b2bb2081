/**
 * Deterministic pseudo-random numbers for the bench data set: the same seed gives the same
 * data, so figures from different runs (and machines) are comparable.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; numbers in [0, 1). Not for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from a text (FNV-1a), so every module gets its own independent stream. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Integer in [min, max] (both inclusive). */
export function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Picks by weight: `[[value, weight], …]`. */
export function weighted<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of items) {
    r -= w;
    if (r < 0) return value;
  }
  return items[items.length - 1][0];
}

/** `count` distinct items (or all of them when there are fewer). */
export function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  const copy = items.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** An id shaped like lucia's `generateIdFromEntropySize(10)` (16 base32 characters), but seeded. */
export function base32Id(random: () => number, length = 16): string {
  let s = "";
  for (let i = 0; i < length; i++) s += BASE32[Math.floor(random() * 32)];
  return s;
}

/** Splits `rows` into chunks (batched multi-row INSERTs stay below SQLite's variable limit). */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
