import { formatLabels } from "./labels";

/** The `meta.k8s.io/v1` Table the server renders for `get`. */
export type ServerTable = {
  kind: "Table";
  columnDefinitions: { name: string; type: string; format: string; priority: number }[];
  rows: { cells: unknown[]; object?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } } }[];
};

export type TableOptions = {
  wide: boolean;
  /** -A: a NAMESPACE column first. */
  namespaceColumn: boolean;
  showLabels: boolean;
  /** -L keys: one column each, headed by the key's last path segment in capitals. */
  labelColumns: string[];
  /** `deployment.apps` when several types are listed (or --show-kind): names print as `deployment.apps/web`. */
  kindPrefix?: string;
};

export function isTable(value: unknown): value is ServerTable {
  return !!value && typeof value === "object" && (value as { kind?: unknown }).kind === "Table";
}

/** The header cells kubectl prints for a Table (before --no-headers drops them). */
export function tableHeader(table: ServerTable, options: TableOptions): string[] {
  const header = table.columnDefinitions.filter((c) => options.wide || c.priority === 0).map((c) => c.name.toUpperCase());
  for (const key of options.labelColumns) header.push((key.split("/").at(-1) ?? key).toUpperCase());
  if (options.showLabels) header.push("LABELS");
  if (options.namespaceColumn) header.unshift("NAMESPACE");
  return header;
}

/** Each row's cells as kubectl prints them: nil as <none>, text cut at the first line break ("..."). */
export function tableRows(table: ServerTable, options: TableOptions): string[][] {
  const nameColumn = Math.max(0, table.columnDefinitions.findIndex((c) => c.format === "name"));
  return table.rows.map((row) => {
    const metadata = row.object?.metadata ?? {};
    const cells: string[] = [];
    table.columnDefinitions.forEach((column, i) => {
      if (!options.wide && column.priority !== 0) return;
      let text = cellText(row.cells[i]);
      if (i === nameColumn && options.kindPrefix) text = `${options.kindPrefix}/${text}`;
      cells.push(text);
    });
    for (const key of options.labelColumns) cells.push(metadata.labels?.[key] ?? "");
    if (options.showLabels) cells.push(formatLabels(metadata.labels));
    if (options.namespaceColumn) cells.unshift(metadata.namespace ?? "");
    return cells;
  });
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "<none>";
  const text = typeof cell === "string" ? cell : (JSON.stringify(cell) ?? "");
  const cut = text.search(/[\f\n\r]/);
  return cut >= 0 ? `${text.slice(0, cut)}...` : text;
}
