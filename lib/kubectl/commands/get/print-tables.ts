import type { CommandContext } from "../../command";
import { kindPrefix } from "../../resources/api-resource";
import { isTable, tableHeader, tableRows, type ServerTable, type TableOptions } from "../../printers/table-rows";
import { TabWriter } from "../../printers/tab-writer";
import type { Fetched } from "./fetch";
import { sortByField } from "./sort-rows";

export type TablePrintOptions = Omit<TableOptions, "kindPrefix"> & { withKind: boolean; noHeaders: boolean; sortBy?: string };

/**
 * Prints each type's Tables as kubectl's human-readable printer does: one header per type, types apart by a
 * blank line, rows of several pages or names under one header. Returns whether any row was printed.
 */
export function printTables(ctx: CommandContext, fetched: Fetched<unknown>[], options: TablePrintOptions): boolean {
  const writer = new TabWriter();
  let printed = false;
  // Consecutive results of one type share a table (kubectl prints a new header only when the kind changes).
  const groups: Fetched<unknown>[] = [];
  for (const entry of fetched) {
    const last = groups.at(-1);
    if (last && last.resource === entry.resource) last.results = [...last.results, ...entry.results];
    else groups.push({ ...entry });
  }
  for (const { resource, results } of groups) {
    const tables = results.filter(isTable);
    const first = tables[0];
    if (!first) continue;
    let rows = tables.flatMap((t) => t.rows);
    if (rows.length === 0) continue;
    if (options.sortBy) rows = sortByField(rows, options.sortBy, (row) => row.object);
    const merged: ServerTable = { ...first, rows };
    const tableOptions: TableOptions = { ...options, ...(options.withKind ? { kindPrefix: kindPrefix(resource) } : {}) };
    if (printed) writer.row([""]);
    if (!options.noHeaders) writer.row(tableHeader(merged, tableOptions));
    for (const cells of tableRows(merged, tableOptions)) writer.row(cells);
    printed = true;
  }
  ctx.out(writer.flush());
  return printed;
}
