import type { AnyObject, IncludeObject, PartialObjectMetadata, Printer, Table, TableListMeta, TableRow } from "./types";

export type TableOptions = {
  /** The moment AGE, LAST SEEN, DURATION… are measured from. */
  now: Date;
  /** `includeObject`: what each row carries in `object`; Metadata (PartialObjectMetadata) by default. */
  includeObject?: IncludeObject;
  /**
   * The list's metadata (resourceVersion, continue, remainingItemCount). For a single-object GET pass the
   * object's resourceVersion, as the API server does.
   */
  listMeta?: TableListMeta;
  /** TableOptions.noHeaders (`?noHeaders=true`, used by watches after the first event): no column definitions. */
  noHeaders?: boolean;
};

function rowObject(object: AnyObject, include: IncludeObject): unknown {
  if (include === "None") return null;
  if (include === "Object") return object;
  const partial: PartialObjectMetadata = {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1",
    metadata: { ...(object.metadata ?? {}) },
  };
  return partial;
}

/** ListMeta as Go marshals it: empty fields omitted. */
function listMetadata(meta: TableListMeta | undefined): TableListMeta {
  const out: TableListMeta = {};
  if (meta?.resourceVersion) out.resourceVersion = meta.resourceVersion;
  if (meta?.continue) out.continue = meta.continue;
  if (typeof meta?.remainingItemCount === "number") out.remainingItemCount = meta.remainingItemCount;
  return out;
}

/** Runs a printer over objects and wraps the rows as the API server does (object per includeObject). */
export function buildTable(printer: Printer, objects: readonly AnyObject[], options: TableOptions): Table {
  const include = options.includeObject ?? "Metadata";
  const context = { now: options.now };
  const rows = objects.map((object): TableRow => {
    const conditions = printer.conditions?.(object);
    const row: TableRow = { cells: printer.cells(object, context), object: rowObject(object, include) };
    if (conditions?.length) return { cells: row.cells, conditions, object: row.object };
    return row;
  });
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: listMetadata(options.listMeta),
    // Go sends null here; [] decodes to the same empty slice in every client.
    columnDefinitions: options.noHeaders ? [] : printer.columns,
    rows,
  };
}
