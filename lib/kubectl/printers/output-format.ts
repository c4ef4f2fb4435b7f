import { CommandError } from "../errors";
import { compileJsonPath, JsonPathError, type CompiledTemplate } from "./jsonpath";
import { parseCustomColumns, type CustomColumn } from "./custom-columns";

/** What `-o` asked for. `table` is the default human-readable output (wide: `-o wide`). */
export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "name" }
  | { kind: "json" }
  | { kind: "yaml" }
  | { kind: "jsonpath"; template: CompiledTemplate }
  | { kind: "custom-columns"; columns: CustomColumn[] };

const allowed =
  "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml";

/** Parses `-o` as kubectl's printer flags do, with kubectl's error messages. */
export function parseOutputFormat(output: string): OutputFormat {
  const eq = output.indexOf("=");
  const kind = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : "";
  switch (kind) {
    case "":
      return { kind: "table", wide: false };
    case "wide":
      return { kind: "table", wide: true };
    case "name":
    case "json":
    case "yaml":
      return { kind };
    case "jsonpath":
    case "template":
    case "go-template":
      if (!arg) throw new CommandError("template format specified but no template given");
      if (kind === "go-template") throw new CommandError("go-template output is not supported in this terminal; use -o jsonpath");
      try {
        return { kind: "jsonpath", template: compileJsonPath(arg) };
      } catch (error) {
        if (error instanceof JsonPathError) throw new CommandError(error.message);
        throw error;
      }
    case "custom-columns":
      if (!arg) throw new CommandError("custom-columns format specified but no custom columns given");
      return { kind: "custom-columns", columns: parseCustomColumns(arg) };
    default:
      throw new CommandError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed}`);
  }
}
