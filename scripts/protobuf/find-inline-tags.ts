/**
 * Which embedded structs are `json:",inline"`. The descriptors cannot say (go-to-protobuf turns an embedded
 * struct into an ordinary field named after its type), but the Go binary keeps every struct tag for reflection,
 * e.g. `json:",inline" protobuf:"bytes,1,opt,name=handler"`. Tag strings are deduplicated, so this yields the
 * (field number, proto name) pairs that are inline somewhere, and the pairs that are plainly named somewhere.
 */
const STRUCT_TAG = /json:"([^"]*)" protobuf:"([^"]*)"/g;

export type InlineTags = {
  /** `number:name` of fields tagged inline. */
  inline: Set<string>;
  /** `number:name` of fields with an ordinary json name. */
  named: Set<string>;
  /** Field numbers of inline tags that carry no `name=` (gogo allows it; core/v1 EphemeralContainer has one). */
  inlineWithoutName: Set<number>;
};

export function findInlineTags(binary: Buffer): InlineTags {
  const tags: InlineTags = { inline: new Set(), named: new Set(), inlineWithoutName: new Set() };
  for (const [, json = "", proto = ""] of binary.toString("latin1").matchAll(STRUCT_TAG)) {
    const parts = proto.split(",");
    const number = Number(parts[1]);
    const name = parts.find((part) => part.startsWith("name="))?.slice("name=".length);
    // encoding/json promotes an embedded struct's fields when its tag has no name (`,inline` is convention).
    const isInline = json.split(",")[0] === "";
    if (!Number.isInteger(number)) continue;
    if (name === undefined) {
      if (isInline) tags.inlineWithoutName.add(number);
    } else {
      (isInline ? tags.inline : tags.named).add(`${number}:${name}`);
    }
  }
  return tags;
}
