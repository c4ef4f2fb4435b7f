/** Writes the descriptor model as stable, diff-friendly JSON: messages sorted by name, one field per line. */
import { writeFileSync } from "node:fs";
import type { DescriptorFile } from "../../lib/cluster/api/protobuf/descriptor-model";

export function writeDescriptorFile(file: string, model: DescriptorFile): number {
  const names = Object.keys(model.messages).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const messages = names.map((name) => {
    const fields = (model.messages[name] ?? []).map((field) => `   ${JSON.stringify(field)}`);
    return fields.length === 0 ? `  ${JSON.stringify(name)}: []` : `  ${JSON.stringify(name)}: [\n${fields.join(",\n")}\n  ]`;
  });
  const text = `{\n "source": ${JSON.stringify(model.source)},\n "messages": {\n${messages.join(",\n")}\n }\n}\n`;
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}
