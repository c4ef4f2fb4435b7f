import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import { pruneUnknownFields, type FieldValidation } from "../rest/field-validation";
import { timestamp } from "../rest/object-lifecycle";
import type { Target } from "../rest/target";
import type { ResourceType } from "../resources/resource-type";
import { invalid } from "../status";
import { CRD_GROUP, CRD_RESOURCE, readCrd } from "./crd-object";
import { crdStatus, namesInUse } from "./crd-status";
import { isJsonObject } from "./json-schema";
import type { WriteHooks } from "./write-hooks";
import { validateCrd, validateCrdUpdate } from "./validate-crd";

/** apiextensions/v1 defaults: singular and listKind from the kind, conversion None. */
function defaultCrd(object: KubeObject): KubeObject {
  if (!isJsonObject(object.spec)) return object;
  const spec = { ...object.spec };
  if (isJsonObject(spec.names)) {
    const names = { ...spec.names };
    const kind = typeof names.kind === "string" ? names.kind : "";
    if ((names.singular === undefined || names.singular === "") && kind !== "") names.singular = kind.toLowerCase();
    if ((names.listKind === undefined || names.listKind === "") && kind !== "") names.listKind = `${kind}List`;
    spec.names = names;
  }
  spec.conversion ??= { strategy: "None" };
  return { ...object, spec };
}

async function otherCrds(ctx: ApiContext, name: string) {
  const list = await ctx.store.list({ cluster: ctx.cluster, group: CRD_GROUP, resource: CRD_RESOURCE });
  return list.items.filter((item) => item.metadata.name !== name).map(readCrd);
}

/**
 * Writes of CustomResourceDefinitions: validated as apiextensions validates them, and given the status its
 * controllers would set (accepted names, NamesAccepted, Established) in the same write, so the type can be
 * served as soon as the write returns.
 */
export function crdWriteHooks(type: ResourceType): WriteHooks {
  return {
    decode: (object: KubeObject, validation?: FieldValidation) => defaultCrd(pruneUnknownFields(type, object, validation)),
    async prepare(ctx: ApiContext, target: Target, object: KubeObject, old?: KubeObject) {
      const name = typeof object.metadata.name === "string" ? object.metadata.name : "";
      if (target.subresource !== "status") {
        const causes = validateCrd(object);
        if (old) causes.push(...validateCrdUpdate(object, old));
        if (causes.length > 0) throw invalid(type.kind, type.group, name, causes);
      }
      const crd = readCrd(object);
      const used = namesInUse(crd.group, await otherCrds(ctx, name), ctx.registry.all());
      const previous = isJsonObject(object.status) ? object.status : {};
      return { ...object, status: crdStatus(crd, previous, used, timestamp(ctx.clock.now())) };
    },
  };
}
