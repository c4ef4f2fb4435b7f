import { buildTable, type TableOptions } from "./build-table";
import { printerFor, type PrinterTarget } from "./printers";
import type { AnyObject, Table } from "./types";

export type { TableOptions } from "./build-table";

/**
 * The `meta.k8s.io/v1` Table a real API server answers for these objects of a built-in resource, named by
 * group + resource (`{group: "apps", resource: "deployments"}`) or group + kind (`{kind: "Pod"}`). Resources
 * without an upstream printer get the default NAME / CREATED AT table; custom resources go through
 * `tableForCustomResource` with their CRD's printer columns.
 */
export function toTable(target: PrinterTarget, objects: readonly AnyObject[], options: TableOptions): Table {
  return buildTable(printerFor(target), objects, options);
}
