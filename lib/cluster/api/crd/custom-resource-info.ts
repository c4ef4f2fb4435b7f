import type { PrinterColumn } from "../table/custom-resource";
import type { CrdScale } from "./crd-object";
import type { JsonSchema } from "./json-schema";

/**
 * What a served custom resource version carries beyond the facts every resource type has: where it comes
 * from, how its objects are stored, validated and printed. Built from the CRD by custom-resource-types.ts.
 */
export type CustomResourceInfo = {
  /** The CRD's name, `<plural>.<group>`. */
  crd: string;
  /** The version objects are stored in (conversion between versions is `None`: only apiVersion changes). */
  storageVersion: string;
  schema?: JsonSchema;
  printerColumns: PrinterColumn[];
  scale?: CrdScale;
  /** The CRD is being deleted: its objects can still be read and deleted, not created. */
  terminating: boolean;
};
