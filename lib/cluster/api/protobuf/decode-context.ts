import { ProtobufBodyError } from "./protobuf-body-error";

/** Limits and shared state of one decode. */
export type DecodeContext = {
  readonly maxDepth: number;
  depth: number;
  /** Values (wire fields and zero structs) still allowed, so small bodies cannot expand without bound. */
  remainingValues: number;
  /** Decodes a nested `k8s\0` object (a RawExtension holding protobuf), with this context's limits. */
  readonly decodeEmbedded: (bytes: Uint8Array) => unknown;
};

export function spendValues(ctx: DecodeContext, count: number): void {
  ctx.remainingValues -= count;
  if (ctx.remainingValues < 0) throw new ProtobufBodyError("the object has too many fields");
}

export function withDepth<T>(ctx: DecodeContext, where: string, decode: () => T): T {
  if (ctx.depth >= ctx.maxDepth) throw new ProtobufBodyError(`${where}: nested deeper than ${ctx.maxDepth} levels`);
  ctx.depth++;
  try {
    return decode();
  } finally {
    ctx.depth--;
  }
}
