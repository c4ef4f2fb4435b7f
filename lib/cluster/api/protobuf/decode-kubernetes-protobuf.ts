/**
 * Reads a request body sent as `application/vnd.kubernetes.protobuf` (modern kubectl's `create` commands do)
 * into the object the same request would have carried as JSON. The body is the magic `k8s\0` followed by a
 * runtime.Unknown envelope: typeMeta {apiVersion, kind}, raw (the object's own message), contentEncoding,
 * contentType. Schemas come from generated/k8s-descriptors.json (see scripts/protobuf/extract-descriptors.ts).
 */
import type { DecodeContext } from "./decode-context";
import { messageToJson, messageToRaw } from "./message-to-json";
import { messageForKind } from "./message-for-kind";
import { ProtobufBodyError } from "./protobuf-body-error";
import { PROTOBUF_MAGIC, startsWith } from "./well-known-types";

export { ProtobufBodyError } from "./protobuf-body-error";

export const KUBERNETES_PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

export type ProtobufDecodeLimits = {
  /** Largest body accepted; the API server's default request limit is 3 MiB. */
  maxBytes?: number;
  /** Deepest message nesting (Go's protobuf decoders stop at 100 too). */
  maxDepth?: number;
  /** Most fields, list items and zero structs in one object. */
  maxValues?: number;
};

const UNKNOWN = "k8s.io.apimachinery.pkg.runtime.Unknown";
const defaults: Required<ProtobufDecodeLimits> = { maxBytes: 3 * 1024 * 1024, maxDepth: 100, maxValues: 500_000 };

/** runtime.Unknown as decoded: its TypeMeta is embedded inline, so apiVersion and kind sit at the top. */
type Envelope = { apiVersion?: string; kind?: string; raw?: Uint8Array; contentEncoding?: string; contentType?: string };

/** Throws ProtobufBodyError (a 400 ApiError) for anything that is not a Kubernetes object we can read. */
export function decodeKubernetesProtobuf(bytes: Uint8Array, limits: ProtobufDecodeLimits = {}): Record<string, unknown> {
  const { maxBytes, maxDepth, maxValues } = { ...defaults, ...limits };
  if (bytes.length > maxBytes) throw new ProtobufBodyError(`the body is larger than ${maxBytes} bytes`);
  const ctx: DecodeContext = {
    maxDepth,
    depth: 0,
    remainingValues: maxValues,
    decodeEmbedded: (embedded) => decodeObject(embedded, ctx),
  };
  return decodeObject(bytes, ctx);
}

function decodeObject(bytes: Uint8Array, ctx: DecodeContext): Record<string, unknown> {
  if (!startsWith(bytes, PROTOBUF_MAGIC)) throw new ProtobufBodyError('the body does not start with "k8s\\x00"');
  const envelope = messageToRaw(UNKNOWN, bytes.subarray(PROTOBUF_MAGIC.length), ctx, "") as Envelope;
  if (envelope.contentEncoding) {
    throw new ProtobufBodyError(`content encoding "${envelope.contentEncoding}" is not supported`);
  }
  if (envelope.contentType && envelope.contentType !== KUBERNETES_PROTOBUF_MEDIA_TYPE) {
    throw new ProtobufBodyError(`content type "${envelope.contentType}" is not supported`);
  }
  const { apiVersion = "", kind = "" } = envelope;
  if (!apiVersion || !kind) throw new ProtobufBodyError("the object has no apiVersion or kind");
  const object = messageToJson(messageForKind(apiVersion, kind), envelope.raw ?? new Uint8Array(0), ctx, "");
  return { kind, apiVersion, ...(object as Record<string, unknown>) };
}
