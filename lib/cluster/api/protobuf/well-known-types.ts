/**
 * Messages whose Go types marshal JSON their own way (custom MarshalJSON): times, durations, IntOrString,
 * Quantity, and the raw-JSON holders. Each converter gets the message decoded in raw form (bytes as
 * Uint8Array, int64 as bigint) plus its encoded length, since an empty metav1.Time is null but 1970 is not.
 */
import type { DecodeContext } from "./decode-context";
import { formatGoDuration, formatMicroTime, formatTime } from "./go-time";
import { ProtobufBodyError } from "./protobuf-body-error";

export type RawMessage = Record<string, unknown>;
type Converter = (message: RawMessage, encodedLength: number, ctx: DecodeContext) => unknown;

export const PROTOBUF_MAGIC = new Uint8Array([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"
const META = "k8s.io.apimachinery.pkg.apis.meta.v1";
const utf8 = new TextDecoder("utf-8", { fatal: true });

const big = (value: unknown): bigint => (typeof value === "bigint" ? value : BigInt(Number(value ?? 0)));
const bytesOf = (value: unknown): Uint8Array | undefined => (value instanceof Uint8Array ? value : undefined);

const converters: Record<string, Converter> = {
  [`${META}.Time`]: (m, length) => (length === 0 ? null : time(formatTime, m)),
  [`${META}.MicroTime`]: (m, length) => (length === 0 ? null : time(formatMicroTime, m)),
  [`${META}.Duration`]: (m) => formatGoDuration(big(m.duration)),
  [`${META}.Verbs`]: (m) => m.items ?? [],
  // FieldsV1's one proto field is named `Raw`, unlike RawExtension's `raw`.
  [`${META}.FieldsV1`]: (m) => rawJson(bytesOf(m.Raw), "FieldsV1"),
  "k8s.io.apimachinery.pkg.util.intstr.IntOrString": intOrString,
  "k8s.io.apimachinery.pkg.api.resource.Quantity": (m) => (typeof m.string === "string" && m.string ? m.string : "0"),
  "k8s.io.apimachinery.pkg.runtime.RawExtension": rawExtension,
};

export function wellKnownConverter(messageName: string): Converter | undefined {
  if (Object.hasOwn(converters, messageName)) return converters[messageName];
  // authentication, authorization and certificates each declare `type ExtraValue []string`.
  if (messageName.startsWith("k8s.io.api.") && messageName.endsWith(".ExtraValue")) return (m) => m.items ?? [];
  return undefined;
}

function time(format: (seconds: bigint, nanos: bigint) => string | null, m: RawMessage): string | null {
  try {
    return format(big(m.seconds), big(m.nanos));
  } catch (error) {
    throw new ProtobufBodyError(error instanceof Error ? error.message : String(error));
  }
}

/** intstr.IntOrString: Type 0 is the int, 1 the string; anything else Go refuses to marshal. */
function intOrString(m: RawMessage): number | string {
  const type = big(m.type);
  if (type === 0n) return typeof m.intVal === "number" ? m.intVal : 0;
  if (type === 1n) return typeof m.strVal === "string" ? m.strVal : "";
  throw new ProtobufBodyError(`IntOrString has impossible type ${type}`);
}

/** runtime.RawExtension holds an embedded object: JSON as kubectl writes it, or a nested protobuf object. */
function rawExtension(m: RawMessage, _length: number, ctx: DecodeContext): unknown {
  const raw = bytesOf(m.raw);
  if (raw && startsWith(raw, PROTOBUF_MAGIC)) return ctx.decodeEmbedded(raw);
  return rawJson(raw, "RawExtension");
}

function rawJson(raw: Uint8Array | undefined, what: string): unknown {
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(raw)) as unknown;
  } catch {
    throw new ProtobufBodyError(`${what} does not hold valid JSON`);
  }
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}
