import type { KubeObject } from "../store/object-store";
import type { ResourceType } from "./resources/resource-type";
import { tableForCustomResource } from "./table/custom-resource";
import { toTable } from "./table/to-table";
import type { IncludeObject, TableListMeta } from "./table/types";

/** Whether the client asked for `meta.k8s.io/v1` Table (kubectl does for every `get`). */
export function wantsTable(accept: string): boolean {
  return accept
    .split(",")
    .some((part) => /;\s*as=Table/.test(part) && /;\s*g=meta\.k8s\.io/.test(part) && /;\s*v=v1(beta1)?\b/.test(part));
}

/** The Table for these objects if the client asked for one, otherwise `plain` (the object or the list). */
export function asTableIfAsked(
  accept: string,
  type: ResourceType,
  objects: KubeObject[],
  now: Date,
  listMeta: TableListMeta,
  plain: unknown,
  includeObject: IncludeObject = "Metadata",
  noHeaders = false,
): unknown {
  if (!wantsTable(accept)) return plain;
  // Custom resources print the columns their CRD version declares.
  if (type.custom) return tableForCustomResource(type.custom.printerColumns, objects, { now, includeObject, listMeta, noHeaders });
  return toTable({ group: type.group, resource: type.plural }, objects, { now, includeObject, listMeta, noHeaders });
}
