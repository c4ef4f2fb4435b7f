import type { Rng } from "./rng";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const keyPool = [
  "metadata", "name", "namespace", "labels", "annotations", "spec", "status", "data", "kind", "apiVersion", "items",
  "containers", "replicas", "selector", "template", "ports", "finalizers", "ownerReferences", "resourceVersion", "uid",
  "", "__proto__", "constructor", "$patch", "$retainKeys", "$setElementOrder/containers", "$deleteFromPrimitiveList/finalizers",
  "a.b", "a/b", "~1", "0", "-", "😀", "x".repeat(300),
];

/** Strings that tend to break things: encodings, escapes, control characters, lookalikes, sizes. */
export function nastyString(rng: Rng): string {
  return rng.weighted<() => string>([
    [4, () => rng.string(rng.between(0, 12), "abcdefghijklmnopqrstuvwxyz0123456789-.")],
    [1, () => ""],
    [1, () => " "],
    [1, () => "\u0000"],
    [1, () => `a\u0000b`],
    [1, () => "\ud800"],
    [1, () => "\u202e\u200b\ufeff"],
    [1, () => "😀👍🏽中文"],
    [1, () => "\r\n\t\b\f\v"],
    [1, () => "../../etc/passwd"],
    [1, () => "%00%2F%ZZ"],
    [1, () => "${jndi:ldap://x}"],
    [1, () => "'; DROP TABLE cluster_objects; --"],
    [1, () => "<script>alert(1)</script>"],
    [1, () => "a".repeat(rng.between(254, 70_000))],
    [1, () => String(rng.between(-5, 99999))],
    [1, () => "true"],
    [1, () => "null"],
    [1, () => "2024-02-30T25:61:61Z"],
    [1, () => "1Gi"],
    [1, () => "-1e400"],
  ])();
}

export function nastyNumber(rng: Rng): number {
  return rng.pick([0, -0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 5e-324, 0.5, 3.14159, 1e21, 123456789012]);
}

/** A random JSON value, at most `depth` levels deep. */
export function randomJson(rng: Rng, depth: number): Json {
  const leaf = depth <= 0;
  return rng.weighted<() => Json>([
    [2, () => nastyString(rng)],
    [1, () => nastyNumber(rng)],
    [1, () => rng.chance(0.5)],
    [1, () => null],
    [leaf ? 0 : 2, () => Array.from({ length: rng.between(0, 4) }, () => randomJson(rng, depth - 1))],
    [leaf ? 0 : 3, () => randomObject(rng, depth - 1)],
  ])();
}

export function randomObject(rng: Rng, depth: number): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (let i = rng.between(0, 5); i > 0; i--) {
    // defineProperty: a key "__proto__" must stay an own key, as JSON.parse on the server will see it.
    Object.defineProperty(out, rng.chance(0.7) ? rng.pick(keyPool) : nastyString(rng), {
      value: randomJson(rng, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Nested arrays or objects, `depth` deep, as text (built directly: JSON.stringify would overflow). */
export function deepJsonText(rng: Rng, depth: number): string {
  if (rng.chance(0.5)) return `${"[".repeat(depth)}1${"]".repeat(depth)}`;
  const key = rng.pick(["a", "spec", "metadata", "labels"]);
  return `${`{"${key}":`.repeat(depth)}1${"}".repeat(depth)}`;
}

/** encodeURIComponent that survives lone surrogates (they become the bytes of their WTF-8 form). */
export function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return Array.from(text, (ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return "%ED%A0%80";
      }
    }).join("");
  }
}
