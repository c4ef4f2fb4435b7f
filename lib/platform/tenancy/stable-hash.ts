/**
 * A short, stable, lowercase-alphanumeric digest of a string (32-bit FNV-1a in base 36). Not cryptographic: it
 * only keeps two names apart that would otherwise read the same, and must give the same answer on every run.
 */
export function stableHash(text: string, length = 6): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(length, "0").slice(-length);
}
