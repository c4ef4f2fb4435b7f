import type { KubeObject } from "../../store/object-store";
import type { PrinterColumn } from "../table/custom-resource";
import { isJsonObject, type JsonSchema } from "./json-schema";

/** The parts of an apiextensions.k8s.io/v1 CustomResourceDefinition this server reads, read leniently. */
export type CrdNames = {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
};

export type CrdScale = { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };

export type CrdVersion = {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: JsonSchema;
  printerColumns: PrinterColumn[];
  status: boolean;
  scale?: CrdScale;
};

export type CrdCondition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };

export type Crd = {
  name: string;
  group: string;
  scope: string;
  names: CrdNames;
  versions: CrdVersion[];
  acceptedNames?: CrdNames;
  conditions: CrdCondition[];
  terminating: boolean;
};

export const CRD_GROUP = "apiextensions.k8s.io";
export const CRD_RESOURCE = "customresourcedefinitions";
/** The finalizer that holds a CRD until its custom objects are gone. */
export const CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

export const isCrdType = (type: { group: string; plural: string }): boolean => type.group === CRD_GROUP && type.plural === CRD_RESOURCE;

const record = (value: unknown): Record<string, unknown> => (isJsonObject(value) ? value : {});
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

export function readNames(value: unknown): CrdNames {
  const names = record(value);
  return {
    plural: text(names.plural),
    singular: text(names.singular),
    kind: text(names.kind),
    listKind: text(names.listKind),
    shortNames: strings(names.shortNames),
    categories: strings(names.categories),
  };
}

function readVersion(value: unknown): CrdVersion {
  const version = record(value);
  const subresources = record(version.subresources);
  const scale = isJsonObject(subresources.scale) ? subresources.scale : undefined;
  const schema = record(version.schema).openAPIV3Schema;
  return {
    name: text(version.name),
    served: version.served === true,
    storage: version.storage === true,
    ...(isJsonObject(schema) ? { schema: schema } : {}),
    printerColumns: (Array.isArray(version.additionalPrinterColumns) ? version.additionalPrinterColumns : [])
      .filter(isJsonObject)
      .map((c) => ({
        name: text(c.name),
        type: text(c.type),
        jsonPath: text(c.jsonPath),
        ...(typeof c.format === "string" ? { format: c.format } : {}),
        ...(typeof c.description === "string" ? { description: c.description } : {}),
        ...(typeof c.priority === "number" ? { priority: c.priority } : {}),
      })),
    status: isJsonObject(subresources.status),
    ...(scale
      ? {
          scale: {
            specReplicasPath: text(scale.specReplicasPath),
            statusReplicasPath: text(scale.statusReplicasPath),
            ...(typeof scale.labelSelectorPath === "string" ? { labelSelectorPath: scale.labelSelectorPath } : {}),
          },
        }
      : {}),
  };
}

/** Reads a stored (or incoming) CRD object; missing or mistyped fields read as empty. */
export function readCrd(object: KubeObject): Crd {
  const spec = record(object.spec);
  const status = record(object.status);
  return {
    name: text(object.metadata.name),
    group: text(spec.group),
    scope: text(spec.scope),
    names: readNames(spec.names),
    versions: (Array.isArray(spec.versions) ? spec.versions : []).map(readVersion),
    ...(isJsonObject(status.acceptedNames) ? { acceptedNames: readNames(status.acceptedNames) } : {}),
    conditions: (Array.isArray(status.conditions) ? status.conditions : []).filter(isJsonObject).map((c) => ({
      type: text(c.type),
      status: text(c.status),
      ...(typeof c.reason === "string" ? { reason: c.reason } : {}),
      ...(typeof c.message === "string" ? { message: c.message } : {}),
      ...(typeof c.lastTransitionTime === "string" ? { lastTransitionTime: c.lastTransitionTime } : {}),
    })),
    terminating: object.metadata.deletionTimestamp !== undefined && object.metadata.deletionTimestamp !== null,
  };
}

export function conditionIsTrue(crd: Crd, type: string): boolean {
  return crd.conditions.some((c) => c.type === type && c.status === "True");
}
