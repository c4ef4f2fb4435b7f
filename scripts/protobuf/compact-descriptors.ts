/**
 * Turns FileDescriptorProtos into the compact model of lib/cluster/api/protobuf/descriptor-model.ts: one list
 * of fields per message, map entries folded into their map fields, and gogo's nullable and the struct tags'
 * inlining kept, because the JSON form depends on them.
 */
import type { FieldModel, ScalarType } from "../../lib/cluster/api/protobuf/descriptor-model";
import type { FieldProto, FileProto, MessageProto } from "./find-file-descriptors";
import type { InlineTags } from "./find-inline-tags";

const scalarTypes: Record<string, ScalarType> = {
  TYPE_STRING: "string",
  TYPE_BYTES: "bytes",
  TYPE_BOOL: "bool",
  TYPE_INT32: "int32",
  TYPE_INT64: "int64",
  TYPE_UINT32: "uint32",
  TYPE_UINT64: "uint64",
  TYPE_SINT32: "sint32",
  TYPE_SINT64: "sint64",
  TYPE_FIXED32: "fixed32",
  TYPE_FIXED64: "fixed64",
  TYPE_SFIXED32: "sfixed32",
  TYPE_SFIXED64: "sfixed64",
  TYPE_DOUBLE: "double",
  TYPE_FLOAT: "float",
};

export function compactDescriptors(files: FileProto[], tags: InlineTags): Record<string, FieldModel[]> {
  const all = new Map<string, MessageProto>();
  for (const file of files) collect(file.messageType ?? [], file.package, all);

  const messages: Record<string, FieldModel[]> = {};
  for (const [name, message] of all) {
    if (message.options?.mapEntry) continue;
    if (message.enumType?.length || message.oneofDecl?.length) throw new Error(`${name}: enums and oneofs are not supported`);
    messages[name] = (message.field ?? []).map((field) => compactField(name, field, all, tags));
  }
  return messages;
}

function collect(messages: MessageProto[], scope: string, into: Map<string, MessageProto>): void {
  for (const message of messages) {
    const name = `${scope}.${message.name}`;
    into.set(name, message);
    collect(message.nestedType ?? [], name, into);
  }
}

function compactField(owner: string, field: FieldProto, all: Map<string, MessageProto>, tags: InlineTags): FieldModel {
  const where = `${owner}.${field.name}`;
  if (field.oneofIndex !== undefined) throw new Error(`${where}: oneof fields are not supported`);
  const model: FieldModel = { number: field.number, name: field.name, type: "string" };
  const nullable = field.options?.nullable !== false;

  if (field.type === "TYPE_MESSAGE") {
    const typeName = (field.typeName ?? "").replace(/^\./, "");
    const target = all.get(typeName);
    if (!target) throw new Error(`${where}: unknown message type ${typeName}`);
    if (target.options?.mapEntry) return { ...model, ...mapOf(where, target) };
    model.type = "message";
    model.message = typeName;
    if (field.label !== "LABEL_REPEATED" && !nullable && isInline(field, target.name, tags)) model.inline = true;
  } else {
    const scalar = scalarTypes[field.type];
    if (!scalar) throw new Error(`${where}: unsupported field type ${field.type}`);
    model.type = scalar;
  }
  if (field.label === "LABEL_REPEATED") model.repeated = true;
  else if (!nullable) model.nullable = false;
  return model;
}

function mapOf(where: string, entry: MessageProto): Pick<FieldModel, "type" | "key" | "value" | "message"> {
  const key = entry.field?.find((f) => f.number === 1);
  const value = entry.field?.find((f) => f.number === 2);
  const keyType = key && scalarTypes[key.type];
  if (!keyType || !value) throw new Error(`${where}: malformed map entry ${entry.name}`);
  if (value.type === "TYPE_MESSAGE") {
    return { type: "map", key: keyType, value: "message", message: (value.typeName ?? "").replace(/^\./, "") };
  }
  const valueType = scalarTypes[value.type];
  if (!valueType) throw new Error(`${where}: unsupported map value type ${value.type}`);
  return { type: "map", key: keyType, value: valueType };
}

/**
 * An embedded Go struct (the field is named after its type) whose struct tag has no json name. A tag naming
 * this field decides; failing that, a name-less inline tag with the same number does.
 */
function isInline(field: FieldProto, typeName: string, tags: InlineTags): boolean {
  if (field.options?.customname !== typeName) return false;
  const key = `${field.number}:${field.name}`;
  const inline = tags.inline.has(key);
  const named = tags.named.has(key);
  if (inline && named) throw new Error(`struct tags disagree whether field ${key} (${typeName}) is inline`);
  return inline || (!named && tags.inlineWithoutName.has(field.number));
}
