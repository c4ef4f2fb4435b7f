import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import type { FieldValidation } from "../rest/field-validation";
import type { Target } from "../rest/target";
import { groupVersion, type ResourceType } from "../resources/resource-type";
import { ApiError, badRequest, invalid } from "../status";
import { defaultCustomResource } from "./default-fields";
import { pruneCustomResource } from "./prune-fields";
import { validateCustomResource } from "./validate-fields";
import type { WriteHooks } from "./write-hooks";

/**
 * Writes of custom objects, in the API server's order: on decode, unknown fields are pruned (refused under
 * fieldValidation=Strict, warned about under Warn) and schema defaults applied; before storing, the object is
 * validated against its version's schema and stored in the storage version.
 */
export function customResourceHooks(type: ResourceType): WriteHooks {
  const custom = type.custom;
  const schema = custom?.schema;
  return {
    decode(object: KubeObject, validation?: FieldValidation): KubeObject {
      const unknown: string[] = [];
      const pruned = pruneCustomResource(schema, object, unknown);
      if (unknown.length > 0) {
        const messages = unknown.map((path) => `unknown field "${path}"`);
        if (validation?.mode === "Strict") {
          throw badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${messages.join(", ")}`);
        }
        if (validation?.mode === "Warn") validation.warnings.push(...messages);
      }
      return defaultCustomResource(schema, pruned) as KubeObject;
    },
    prepare(_ctx: ApiContext, _target: Target, object: KubeObject, old?: KubeObject): KubeObject {
      const name = typeof object.metadata.name === "string" ? object.metadata.name : "";
      if (!old && custom?.terminating) {
        throw new ApiError(405, "MethodNotAllowed", "create not allowed while custom resource definition is terminating", {
          name,
          group: type.group,
          kind: type.plural,
        });
      }
      const out: KubeObject = { ...object, apiVersion: `${type.group}/${custom?.storageVersion || type.version}` };
      if (!old) {
        // Every custom object has a generation, spec or not; status is the status subresource's to write.
        out.metadata = { ...out.metadata, generation: 1 };
        if (type.subresources.some((s) => s.name === "status")) delete out.status;
      }
      const causes = validateCustomResource(schema, out);
      if (causes.length > 0) throw invalid(type.kind, type.group, name, causes);
      return out;
    },
  };
}

/** A stored custom object as a client of this version sees it: defaults applied (also on read), its apiVersion. */
export function presentCustomResource(type: ResourceType, object: KubeObject): KubeObject {
  const defaulted = defaultCustomResource(type.custom?.schema, object) as KubeObject;
  return { ...defaulted, apiVersion: groupVersion(type), kind: type.kind };
}
