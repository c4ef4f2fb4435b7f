/** FNV-1a, 32-bit, over bytes (Go's hash/fnv New32a); `seed` continues an earlier hash. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const encoder = new TextEncoder();

/** FNV-1a of a string's UTF-8 bytes. */
export const fnv32aText = (text: string, seed?: number): number => fnv32a(encoder.encode(text), seed);
