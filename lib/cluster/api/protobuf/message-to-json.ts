/**
 * Decodes one protobuf message into the JSON Go's encoding/json would write for the same Go struct:
 * - keys are the proto field names (go-to-protobuf takes them from the json tags), in Go struct order;
 * - pointer fields appear iff they were on the wire, even when zero (`replicas: 0`);
 * - value fields (gogo nullable=false) are always on the wire, so zero scalars are dropped as omitempty does,
 *   and structs always appear (`strategy: {}`), even when absent, as Go's zero struct would;
 * - empty lists and maps are dropped; bytes become base64; inline embedded structs merge into their parent.
 * Field numbers the schema does not know are an error: silently dropping data would change the object.
 */
import type { DecodeContext } from "./decode-context";
import { spendValues, withDepth } from "./decode-context";
import type { FieldModel, ScalarType } from "./descriptor-model";
import { descriptorSource, findMessage } from "./descriptors";
import { ProtobufBodyError } from "./protobuf-body-error";
import { convertScalar, isZeroScalar, wireTypeOf } from "./scalars";
import { type RawMessage, wellKnownConverter } from "./well-known-types";
import { type WireField, WireType, readPacked, readWireFields } from "./wire-reader";

const EMPTY = new Uint8Array(0);
const OMIT = Symbol("omit");

/** `raw` keeps bytes as Uint8Array and int64 as bigint, for the well-known type converters. */
type Mode = { raw: boolean };

/** `path` is where the message sits in the object (`spec.template`), for error messages. */
export function messageToJson(messageName: string, bytes: Uint8Array, ctx: DecodeContext, path: string): unknown {
  const converter = wellKnownConverter(messageName);
  if (!converter) return decodeMessage(messageName, bytes, ctx, path, { raw: false });
  // Inside withDepth: a RawExtension's converter may decode a whole nested object.
  return withDepth(ctx, describe(path, messageName), () =>
    converter(decodeMessage(messageName, bytes, ctx, path, { raw: true }), bytes.length, ctx),
  );
}

/** The message's fields with bytes as Uint8Array and 64-bit integers as bigint (nested messages are JSON). */
export function messageToRaw(messageName: string, bytes: Uint8Array, ctx: DecodeContext, path: string): RawMessage {
  return decodeMessage(messageName, bytes, ctx, path, { raw: true });
}

function decodeMessage(messageName: string, bytes: Uint8Array, ctx: DecodeContext, path: string, mode: Mode): RawMessage {
  const schema = findMessage(messageName);
  if (!schema) throw new ProtobufBodyError(`no protobuf schema for message ${messageName}`);
  const where = describe(path, messageName);
  return withDepth(ctx, where, () => {
    const wire = readWireFields(bytes, where);
    spendValues(ctx, wire.length + 1);
    const byNumber = new Map<number, WireField[]>();
    for (const field of wire) {
      if (!schema.byNumber.has(field.number)) throw unknownField(where, field);
      const occurrences = byNumber.get(field.number);
      if (occurrences) occurrences.push(field);
      else byNumber.set(field.number, [field]);
    }
    const out: RawMessage = {};
    for (const field of schema.fields) {
      // An inline struct's fields belong to this object, so they share its path.
      const fieldPath = field.inline ? path : join(path, field.name);
      const value = fieldValue(fieldPath, field, byNumber.get(field.number) ?? [], ctx, mode);
      if (value === OMIT) continue;
      if (field.inline) mergeInline(out, value, describe(fieldPath, messageName));
      else out[field.name] = value;
    }
    return out;
  });
}

function fieldValue(where: string, field: FieldModel, wire: WireField[], ctx: DecodeContext, mode: Mode): unknown {
  if (field.type === "map") return wire.length === 0 ? OMIT : mapValue(where, field, wire, ctx, mode);
  if (field.type === "message") {
    const message = field.message ?? "";
    if (field.repeated) {
      if (wire.length === 0) return OMIT;
      return wire.map((w, i) => messageToJson(message, lengthDelimited(where, w), ctx, `${where}[${i}]`));
    }
    if (wire.length === 0) return field.nullable === false ? messageToJson(message, EMPTY, ctx, where) : OMIT;
    // Proto merges a message field that occurs more than once; concatenating the occurrences does the same.
    return messageToJson(message, concat(wire.map((w) => lengthDelimited(where, w))), ctx, where);
  }
  if (field.repeated) {
    const values = wire.flatMap((w) => repeatedScalars(where, field.type as ScalarType, w, mode));
    if (values.length === 0) return OMIT;
    spendValues(ctx, values.length);
    return values;
  }
  const last = wire.at(-1);
  if (!last) return OMIT;
  const value = scalar(where, field.type, last, mode);
  return field.nullable === false && isZeroScalar(value) ? OMIT : value;
}

/** A map is a repeated entry message {key = 1; value = 2}; a missing key or value is its zero value. */
function mapValue(where: string, field: FieldModel, wire: WireField[], ctx: DecodeContext, mode: Mode): RawMessage {
  const keyType = field.key ?? "string";
  const valueType = field.value ?? "string";
  const entries = new Map<string, unknown>();
  for (const occurrence of wire) {
    const entry = readWireFields(lengthDelimited(where, occurrence), `${where} entry`);
    spendValues(ctx, entry.length + 1);
    const stray = entry.find((part) => part.number !== 1 && part.number !== 2);
    if (stray) throw unknownField(`${where} entry`, stray);
    const key = String(scalar(`${where} key`, keyType, entry.findLast((part) => part.number === 1), mode));
    const values = entry.filter((part) => part.number === 2);
    const path = `${where}[${JSON.stringify(key)}]`;
    const value =
      valueType === "message"
        ? messageToJson(field.message ?? "", concat(values.map((part) => lengthDelimited(path, part))), ctx, path)
        : scalar(path, valueType, values.at(-1), mode);
    entries.set(key, value);
  }
  // encoding/json writes map keys sorted.
  const out: RawMessage = {};
  for (const key of [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = entries.get(key);
  return out;
}

function repeatedScalars(where: string, type: ScalarType, wire: WireField, mode: Mode): unknown[] {
  const expected = wireTypeOf(type);
  if (wire.wireType === WireType.lengthDelimited && expected !== WireType.lengthDelimited) {
    const packed = readPacked(lengthDelimited(where, wire), expected, where);
    return packed.map((value) => scalar(where, type, { number: wire.number, wireType: expected, value }, mode));
  }
  return [scalar(where, type, wire, mode)];
}

/** A scalar from the wire, or the type's zero value when `wire` is undefined. */
function scalar(where: string, type: ScalarType, wire: WireField | undefined, mode: Mode): unknown {
  if (wire && wire.wireType !== wireTypeOf(type)) {
    throw new ProtobufBodyError(`${where}: wire type ${wire.wireType} does not fit a ${type} field`);
  }
  return convertScalar(where, type, wire?.value, mode.raw);
}

function lengthDelimited(where: string, wire: WireField): Uint8Array {
  if (wire.wireType !== WireType.lengthDelimited || !(wire.value instanceof Uint8Array)) {
    throw new ProtobufBodyError(`${where}: wire type ${wire.wireType} where a message was expected`);
  }
  return wire.value;
}

function mergeInline(out: RawMessage, value: unknown, where: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ProtobufBodyError(`${where}: an inline field must be an object`);
  }
  // An outer field beats a promoted one of the same name, as in encoding/json.
  for (const [key, inner] of Object.entries(value)) if (!Object.hasOwn(out, key)) out[key] = inner;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] ?? EMPTY;
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** `spec.template (k8s.io.api.core.v1.PodTemplateSpec)`, or just the message at the top. */
function describe(path: string, messageName: string): string {
  return path ? `${path} (${messageName})` : messageName;
}

function unknownField(where: string, field: WireField): ProtobufBodyError {
  return new ProtobufBodyError(
    `${where} has field number ${field.number} (wire type ${field.wireType}), which the Kubernetes ` +
      `${descriptorSource.kubernetes} protobuf schema this server reads does not know (a newer field?); ` +
      "the same object sent as JSON (e.g. kubectl apply -f) is not affected",
  );
}
