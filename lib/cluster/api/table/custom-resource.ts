import { column, nameColumn } from "./columns";
import { docs } from "./descriptions";
import { humanDuration, parseTime } from "./format";
import { goJSON, goNumber } from "./go-text";
import { compileJSONPath, findResults, type CompiledPath } from "./jsonpath";
import { buildTable, type TableOptions } from "./build-table";
import type { AnyObject, Printer, Table, TableCell, TableColumnDefinition } from "./types";

/** A CRD version's `additionalPrinterColumns` entry. */
export type PrinterColumn = {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
};

/** What the API server serves for a CRD version without printer columns (apiextensions' default). */
export const defaultPrinterColumns: PrinterColumn[] = [
  { name: "Age", type: "date", description: docs.creationTimestamp, jsonPath: ".metadata.creationTimestamp" },
];

/** metav1.Time's UnmarshalQueryParameter: strict RFC 3339 (fractional seconds tolerated), or "null". */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function dateCell(value: string, now: Date): string {
  if (value === "null") return "<unknown>";
  if (!rfc3339.test(value)) return "<invalid>";
  const time = parseTime(value);
  return time ? humanDuration(now.getTime() - time.getTime()) : "<unknown>";
}

/** cellForJSONValue: the typed cell, or null (kubectl: <none>) when the value does not fit the type. */
function typedCell(type: string, value: unknown, now: Date): TableCell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "date":
      return typeof value === "string" ? dateCell(value, now) : null;
    default:
      return null;
  }
}

/** A "string" column prints whatever it finds, as the JSONPath printer would: JSON for objects and arrays. */
function textCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return goNumber(value);
  if (typeof value === "boolean") return String(value);
  return goJSON(value);
}

/**
 * The printer apiextensions builds from a CRD version's printer columns: NAME, then each column in order.
 * A column whose JSONPath cannot be parsed ends the list there, as the real convertor does.
 */
export function customResourcePrinter(columns: readonly PrinterColumn[]): Printer {
  const headers: TableColumnDefinition[] = [nameColumn];
  const paths: CompiledPath[] = [];
  for (const col of columns.length > 0 ? columns : defaultPrinterColumns) {
    let path: CompiledPath;
    try {
      path = compileJSONPath(col.jsonPath);
    } catch {
      break;
    }
    paths.push(path);
    const description = col.description || `Custom resource definition column (in JSONPath format): ${col.jsonPath}`;
    headers.push(column(col.name, col.type, description, { priority: col.priority ?? 0, format: col.format ?? "" }));
  }
  return {
    columns: headers,
    cells(object: AnyObject, { now }): TableCell[] {
      const cells: TableCell[] = [object.metadata?.name ?? ""];
      paths.forEach((path, i) => {
        const results = findResults(path, object);
        // Only simple paths are meant here: the first result is the value.
        if (results.length === 0) return cells.push(null);
        const type = headers[i + 1]?.type ?? "string";
        cells.push(type === "string" ? textCell(results[0]) : typedCell(type, results[0], now));
      });
      return cells;
    },
  };
}

/** The Table for custom resources, from their CRD version's `additionalPrinterColumns` (empty → AGE only). */
export function tableForCustomResource(
  columns: readonly PrinterColumn[],
  objects: readonly AnyObject[],
  options: TableOptions,
): Table {
  return buildTable(customResourcePrinter(columns), objects, options);
}
