/** The characters Kubernetes uses for generated names and hashes (no vowels, no look-alikes: no bad words). */
export const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** The label that ties a ReplicaSet and its pods to one pod template of a Deployment. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** FNV-1a, 32-bit, over bytes (Go's hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Each character mapped into the safe alphabet by its code point (apimachinery's rand.SafeEncodeString). */
export function safeEncodeString(text: string): string {
  let out = "";
  for (const char of text) out += SAFE_ALPHABET[(char.codePointAt(0) ?? 0) % SAFE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level, so equal templates always give the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The `pod-template-hash` of a Deployment's template, as the controller's ComputeHash builds it: FNV-32a over the
 * template, then (when the Deployment has seen name collisions) the collision count as 8 little-endian bytes,
 * and the decimal value of the sum rendered in the safe alphabet (so 6 to 10 characters). Kubernetes feeds the
 * hasher a Go-specific dump of the struct; canonical JSON is the stable stand-in here, so hashes are not
 * byte-identical to a real cluster's, only alike in form and behaviour.
 */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const encoder = new TextEncoder();
  let hash = fnv32a(encoder.encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(extra, hash);
  }
  return safeEncodeString(String(hash));
}
