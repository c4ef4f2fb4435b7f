/** Protobuf scalars as Go's encoding/json writes the matching Go values. */
import type { ScalarType } from "./descriptor-model";
import { ProtobufBodyError } from "./protobuf-body-error";
import { WireType, type WireValue } from "./wire-reader";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function wireTypeOf(type: ScalarType): number {
  switch (type) {
    case "string":
    case "bytes":
      return WireType.lengthDelimited;
    case "fixed64":
    case "sfixed64":
    case "double":
      return WireType.fixed64;
    case "fixed32":
    case "sfixed32":
    case "float":
      return WireType.fixed32;
    default:
      return WireType.varint;
  }
}

/**
 * Converts a wire value (undefined: the type's zero value). With `raw`, bytes stay a Uint8Array and 64-bit
 * integers a bigint; otherwise bytes become base64 and 64-bit integers numbers, refused beyond 2^53.
 */
export function convertScalar(where: string, type: ScalarType, value: WireValue | undefined, raw: boolean): unknown {
  if (type === "string" || type === "bytes") {
    const bytes = value instanceof Uint8Array ? value : new Uint8Array(0);
    if (type === "bytes") return raw ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");
    try {
      return utf8.decode(bytes);
    } catch {
      throw new ProtobufBodyError(`${where}: string is not valid UTF-8`);
    }
  }
  const bits = typeof value === "bigint" ? value : 0n;
  switch (type) {
    case "bool":
      return bits !== 0n;
    case "int32":
    case "sfixed32":
      return Number(BigInt.asIntN(32, bits));
    case "uint32":
    case "fixed32":
      return Number(BigInt.asUintN(32, bits));
    case "sint32":
      return Number(zigzag(BigInt.asUintN(32, bits)));
    case "int64":
    case "sfixed64":
      return int64(where, BigInt.asIntN(64, bits), raw);
    case "uint64":
    case "fixed64":
      return int64(where, BigInt.asUintN(64, bits), raw);
    case "sint64":
      return int64(where, zigzag(bits), raw);
    case "float":
    case "double":
      return float(where, type, bits);
  }
}

export function isZeroScalar(value: unknown): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  return value === "" || value === 0 || value === 0n || value === false;
}

function zigzag(bits: bigint): bigint {
  return (bits >> 1n) ^ -(bits & 1n);
}

function int64(where: string, value: bigint, raw: boolean): number | bigint {
  if (raw) return value;
  if (value > MAX_SAFE || value < -MAX_SAFE) throw new ProtobufBodyError(`${where}: ${value} is too large for JSON`);
  return Number(value);
}

function float(where: string, type: "float" | "double", bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  if (type === "float") view.setUint32(0, Number(bits));
  else view.setBigUint64(0, bits);
  const value = type === "float" ? view.getFloat32(0) : view.getFloat64(0);
  // encoding/json refuses NaN and ±Inf.
  if (!Number.isFinite(value)) throw new ProtobufBodyError(`${where}: ${value} cannot be written as JSON`);
  return value;
}
