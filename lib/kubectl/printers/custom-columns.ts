import { CommandError } from "../errors";
import { compileJsonPath, formatJsonPathValue, selectJsonPath } from "./jsonpath";
import { TabWriter } from "./tab-writer";

export type CustomColumn = { header: string; path: string };

/** `NAME:.metadata.name,IMAGE:.spec.containers[*].image` (braces optional, as kubectl relaxes them). */
export function parseCustomColumns(spec: string): CustomColumn[] {
  return spec.split(",").map((part) => {
    const colon = part.indexOf(":");
    if (colon < 0) throw new CommandError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const header = part.slice(0, colon);
    let path = part.slice(colon + 1).trim();
    if (path.startsWith("{") && path.endsWith("}")) path = path.slice(1, -1);
    if (!path.startsWith(".") && !path.startsWith("$") && !path.startsWith("@")) path = `.${path}`;
    compileJsonPath(`{${path}}`);
    return { header, path };
  });
}

/** One row per object; several values of a cell joined by commas, none as <none>. */
export function printCustomColumns(columns: CustomColumn[], objects: unknown[], noHeaders: boolean): string {
  const writer = new TabWriter();
  if (!noHeaders) writer.row(columns.map((c) => c.header));
  for (const object of objects) {
    writer.row(
      columns.map((c) => {
        const values = selectJsonPath(c.path, object);
        return values.length === 0 ? "<none>" : values.map(formatJsonPathValue).join(",");
      }),
    );
  }
  return writer.flush();
}
