/**
 * The protobuf wire format, read defensively: every length is checked against the bytes that are there, and
 * anything malformed throws a ProtobufBodyError instead of reading past the end.
 */
import { ProtobufBodyError } from "./protobuf-body-error";

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
export type WireValue = bigint | Uint8Array;
export type WireField = { number: number; wireType: number; value: WireValue };

/** Splits one message into its fields, in wire order. Varint and fixed values come back as unsigned bigints. */
export function readWireFields(bytes: Uint8Array, messageName: string): WireField[] {
  const reader = new WireReader(bytes, messageName);
  const fields: WireField[] = [];
  while (!reader.done()) {
    const tag = reader.varint();
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (number < 1 || number > 0x1fffffff) throw reader.error(`invalid field number ${number}`);
    fields.push({ number, wireType, value: reader.value(wireType, number) });
  }
  return fields;
}

/** The elements of a packed repeated field: consecutive varints, or fixed-width values. */
export function readPacked(bytes: Uint8Array, wireType: number, messageName: string): bigint[] {
  const reader = new WireReader(bytes, messageName);
  const values: bigint[] = [];
  while (!reader.done()) values.push(reader.value(wireType, 0) as bigint);
  return values;
}

class WireReader {
  private position = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly messageName: string,
  ) {}

  done(): boolean {
    return this.position >= this.bytes.length;
  }

  value(wireType: number, number: number): WireValue {
    switch (wireType) {
      case WireType.varint:
        return this.varint();
      case WireType.fixed64:
        return this.fixed(8);
      case WireType.fixed32:
        return this.fixed(4);
      case WireType.lengthDelimited: {
        const length = this.varint();
        if (length > BigInt(this.bytes.length - this.position)) throw this.error(`field ${number} is truncated`);
        const start = this.position;
        this.position += Number(length);
        return this.bytes.subarray(start, this.position);
      }
      default:
        throw this.error(`field ${number} has unsupported wire type ${wireType}`);
    }
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.bytes[this.position++];
      if (byte === undefined) throw this.error("unexpected end of data");
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw this.error("varint is longer than 10 bytes");
  }

  private fixed(size: 4 | 8): bigint {
    if (this.position + size > this.bytes.length) throw this.error("unexpected end of data");
    let result = 0n;
    for (let i = size - 1; i >= 0; i--) result = (result << 8n) | BigInt(this.bytes[this.position + i] ?? 0);
    this.position += size;
    return result;
  }

  error(detail: string): ProtobufBodyError {
    return new ProtobufBodyError(`${this.messageName}: ${detail}`);
  }
}
