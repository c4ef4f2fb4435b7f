/**
 * Test support: a protobufjs encoder built from the same generated descriptors the decoder reads, so tests can
 * write Kubernetes protobuf bodies the way a client would.
 */
import protobuf from "protobufjs";
import type { DescriptorFile, FieldModel } from "./descriptor-model";
import generated from "./generated/k8s-descriptors.json";
import { PROTOBUF_MAGIC } from "./well-known-types";

const UNKNOWN = "k8s.io.apimachinery.pkg.runtime.Unknown";
let root: protobuf.Root | undefined;

function buildRoot(): protobuf.Root {
  const built = new protobuf.Root();
  for (const [name, fields] of Object.entries((generated as unknown as DescriptorFile).messages)) {
    const dot = name.lastIndexOf(".");
    const type = new protobuf.Type(name.slice(dot + 1));
    for (const field of fields) type.add(toField(field));
    built.define(name.slice(0, dot)).add(type);
  }
  built.resolveAll();
  return built;
}

function toField(field: FieldModel): protobuf.Field | protobuf.MapField {
  const type = field.type === "message" || field.value === "message" ? `.${field.message}` : (field.value ?? field.type);
  if (field.type === "map") return new protobuf.MapField(field.name, field.number, field.key ?? "string", type);
  return new protobuf.Field(field.name, field.number, type, field.repeated ? "repeated" : "optional");
}

export function messageType(name: string): protobuf.Type {
  root ??= buildRoot();
  return root.lookupType(`.${name}`);
}

/** Encodes `value` (protobufjs object form: bytes as Uint8Array or base64, int64 as number) as `messageName`. */
export function encodeMessage(messageName: string, value: Record<string, unknown>): Uint8Array {
  const type = messageType(messageName);
  return type.encode(type.fromObject(value)).finish();
}

/** A whole request body: `k8s\0` + runtime.Unknown{typeMeta, raw}. */
export function encodeBody(apiVersion: string, kind: string, messageName: string, object: Record<string, unknown>) {
  return wrapInUnknown({ typeMeta: { apiVersion, kind }, raw: encodeMessage(messageName, object) });
}

export function wrapInUnknown(unknown: Record<string, unknown>): Uint8Array {
  const envelope = encodeMessage(UNKNOWN, unknown);
  const body = new Uint8Array(PROTOBUF_MAGIC.length + envelope.length);
  body.set(PROTOBUF_MAGIC);
  body.set(envelope, PROTOBUF_MAGIC.length);
  return body;
}
