/** A stable hex digest (FNV-1a, 64 hex chars by repetition) for simulated container and image ids. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  let out = "";
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i) + round;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, "0");
  }
  return out;
}
