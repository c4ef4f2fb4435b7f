/**
 * Finds the protobuf schemas a Go binary carries. gogo-protobuf generated code registers each .proto file's
 * FileDescriptorProto as a gzipped byte slice, so every gzip member in the binary is a candidate: gunzip it and
 * keep what decodes as a FileDescriptorProto named `…/generated.proto`.
 */
import { constants, gunzipSync } from "node:zlib";
import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor/index.js";

/** gzip magic, deflate, no flags, zero mtime: how Go's compress/gzip writes the registered descriptors. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);
const MAX_DESCRIPTOR_BYTES = 4 << 20;

export type FieldOptions = { nullable?: boolean; customname?: string };
export type FieldProto = {
  name: string;
  number: number;
  label: "LABEL_OPTIONAL" | "LABEL_REQUIRED" | "LABEL_REPEATED";
  type: string;
  typeName?: string;
  jsonName?: string;
  oneofIndex?: number;
  options?: FieldOptions;
};
export type MessageProto = {
  name: string;
  field?: FieldProto[];
  nestedType?: MessageProto[];
  enumType?: unknown[];
  oneofDecl?: unknown[];
  options?: { mapEntry?: boolean };
};
export type FileProto = { name: string; package: string; messageType?: MessageProto[]; enumType?: unknown[] };

let gogoOptionsAdded = false;

/** gogoproto's field options, extensions 65001 and 65004 of FieldOptions (github.com/gogo/protobuf/gogoproto). */
function addGogoFieldOptions(): void {
  if (gogoOptionsAdded) return;
  const fieldOptions = descriptor.FieldOptions;
  fieldOptions.add(new protobuf.Field("nullable", 65001, "bool"));
  fieldOptions.add(new protobuf.Field("customname", 65004, "string"));
  gogoOptionsAdded = true;
}

export function findFileDescriptors(binary: Buffer): FileProto[] {
  addGogoFieldOptions();
  const files = new Map<string, FileProto>();
  for (let at = binary.indexOf(GZIP_HEADER); at >= 0; at = binary.indexOf(GZIP_HEADER, at + 1)) {
    const file = tryDescriptorAt(binary, at);
    if (file && !files.has(file.name)) files.set(file.name, file);
  }
  return [...files.values()];
}

function tryDescriptorAt(binary: Buffer, at: number): FileProto | undefined {
  let bytes: Buffer;
  try {
    bytes = gunzipSync(binary.subarray(at), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: MAX_DESCRIPTOR_BYTES,
    });
  } catch {
    return undefined; // not a gzip member after all
  }
  try {
    const message = descriptor.FileDescriptorProto.decode(bytes);
    const file = descriptor.FileDescriptorProto.toObject(message, { enums: String, longs: Number }) as FileProto;
    return typeof file.name === "string" && file.name.endsWith(".proto") ? file : undefined;
  } catch {
    return undefined; // gzip data, but not a descriptor
  }
}
