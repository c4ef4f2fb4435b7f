import { canonicalJson } from "../../hash/canonical-json";
import { fnv32a } from "../../hash/fnv32a";

export { canonicalJson, fnv32a };
/** The characters Kubernetes uses for generated names and hashes (no vowels, no look-alikes: no bad words). */
export const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** The label that ties a ReplicaSet and its pods to one pod template of a Deployment. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** Each character mapped into the safe alphabet by its code point (apimachinery's rand.SafeEncodeString). */
export function safeEncodeString(text: string): string {
  let out = "";
  for (const char of text) out += SAFE_ALPHABET[(char.codePointAt(0) ?? 0) % SAFE_ALPHABET.length];
  return out;
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
