/**
 * The `yaml: line N: …` text go-yaml (through sigs.k8s.io/yaml) gives for a broken document, worked out from
 * the errors of the `yaml` package, which words and places them differently. go-yaml numbers a scanner error
 * by the line it stopped on, but a parser error by that line minus one (its 0-based mark, printed as is).
 * Unrecognised errors keep the `yaml` package's own first line.
 */
import type { YAMLError } from "yaml";

export function goYamlError(errors: readonly YAMLError[]): string {
  const first = errors[0];
  if (!first) return "yaml: unknown error";
  const start = first.linePos?.[0]?.line ?? 0;
  const message = first.message;
  if (first.code === "BAD_INDENT" && /^Flow (sequence|map)/.test(message)) {
    return at(start - 1, `did not find expected ',' or '${message.startsWith("Flow map") ? "}" : "]"}'`);
  }
  if (first.code === "BAD_INDENT" && message.startsWith("All mapping items must start at the same column")) return at(start - 1, "did not find expected key");
  if (first.code === "BLOCK_AS_IMPLICIT_KEY" || first.code === "MULTILINE_IMPLICIT_KEY") {
    // go-yaml stops at the ':' that cannot start a value: the end of the key the `yaml` package complains about.
    const keyErrors = errors.filter((e) => e.code === "BLOCK_AS_IMPLICIT_KEY" || e.code === "MULTILINE_IMPLICIT_KEY");
    return at(Math.max(...keyErrors.map((e) => e.linePos?.[1]?.line ?? e.linePos?.[0]?.line ?? 0)), "mapping values are not allowed in this context");
  }
  if (first.code === "TAB_AS_INDENT") return at(start, "found character that cannot start any token");
  if (first.code === "MISSING_CHAR" && /quote/.test(message)) return at(start, "found unexpected end of stream");
  return at(start, message.split("\n")[0] ?? message);
}

function at(line: number, text: string): string {
  return line > 0 ? `yaml: line ${line}: ${text}` : `yaml: ${text}`;
}
