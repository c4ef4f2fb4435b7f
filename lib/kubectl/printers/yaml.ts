import { Document, isScalar, Scalar, visit } from "yaml";
import { sortKeys } from "./sort-keys";
import { foldLikeGoYaml } from "./yaml-fold";

// Plain scalars YAML 1.1 (go-yaml v2, which sigs.k8s.io/yaml uses) would read as something other than a string:
// go-yaml double-quotes these, and single-quotes other strings that cannot be plain.
const nonString = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/,
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
];

/** As kubectl's YAML printer writes: keys sorted, sequences not indented, go-yaml's quoting. */
export function toYaml(value: unknown): string {
  const doc = new Document(sortKeys(value));
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== "string") return;
      if (node.value.includes("\n")) node.type = Scalar.BLOCK_LITERAL;
      else if (nonString.some((re) => re.test(node.value as string))) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return foldLikeGoYaml(doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0, minContentWidth: 0 }));
}
