/**
 * The `meta.k8s.io/v1` Table kubectl asks for (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), in the
 * JSON shape the API server sends. kubectl prints these cells verbatim; it only hides priority > 0 columns
 * unless `-o wide`, so the server always sends the wide cells.
 */

export type TableColumnDefinition = {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** `name` marks the column kubectl uses for `-o name` and sorting; usually "". */
  format: string;
  description: string;
  /** 0: always shown; 1: only with `-o wide`. */
  priority: number;
};

/** A cell: what Go's printers put in `[]interface{}` (strings, int64, bool) or null, which kubectl prints as <none>. */
export type TableCell = string | number | boolean | null;

export type TableRowCondition = { type: string; status: string; reason?: string; message?: string };

export type PartialObjectMetadata = {
  kind: "PartialObjectMetadata";
  apiVersion: "meta.k8s.io/v1";
  metadata: Record<string, unknown>;
};

export type TableRow = {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** Per `includeObject`: PartialObjectMetadata (default), the whole object, or null. */
  object: unknown;
};

export type TableListMeta = { resourceVersion?: string; continue?: string; remainingItemCount?: number };

export type Table = {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
};

/** The `includeObject` query parameter of a Table request. */
export type IncludeObject = "None" | "Metadata" | "Object";

/** What every printer needs besides the object: the moment AGE and friends are measured from. */
export type PrintContext = { now: Date };

/**
 * Any Kubernetes-shaped object: store objects (KubeObject) and kubernetes-types values alike. Printers read
 * everything else optionally, so a malformed object yields blanks rather than a crash.
 */
export type AnyObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; creationTimestamp?: unknown };
};

/** One kind's printer: its columns, and the cells of one object (all of them, wide ones included). */
export type Printer<T = AnyObject> = {
  columns: TableColumnDefinition[];
  cells(object: T, context: PrintContext): TableCell[];
  conditions?(object: T): TableRowCondition[] | undefined;
};

/** Declares a printer for one kind's type (the callbacks' parameter types follow from T). */
export function definePrinter<T>(printer: Printer<T>): Printer<T> {
  return printer;
}

/** Erases a printer's object type so printers of different kinds share one registry. */
export function erasePrinter<T>(printer: Printer<T>): Printer {
  return printer as unknown as Printer;
}
