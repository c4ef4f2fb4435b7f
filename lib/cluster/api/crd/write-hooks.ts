import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import type { FieldValidation } from "../rest/field-validation";
import type { Target } from "../rest/target";
import type { ResourceType } from "../resources/resource-type";
import { isCrdType } from "./crd-object";
import { crdWriteHooks } from "./crd-write-hooks";
import { customResourceHooks, presentCustomResource } from "./custom-resource-hooks";

/**
 * What create and update do differently for CRDs and custom objects (built-in kinds need none of it):
 * `decode` replaces the built-in pruning of unknown fields and applies defaults; `prepare` validates the
 * object as it would be stored (system fields set) and may complete it (a CRD's status).
 */
export type WriteHooks = {
  decode(object: KubeObject, validation?: FieldValidation): KubeObject;
  prepare(ctx: ApiContext, target: Target, object: KubeObject, old?: KubeObject): KubeObject | Promise<KubeObject>;
};

const cache = new WeakMap<ResourceType, WriteHooks>();

export function writeHooksFor(type: ResourceType): WriteHooks | undefined {
  if (!type.custom && !isCrdType(type)) return undefined;
  let hooks = cache.get(type);
  if (!hooks) cache.set(type, (hooks = type.custom ? customResourceHooks(type) : crdWriteHooks(type)));
  return hooks;
}

/** How objects of a type are shown to clients: custom objects get read-time defaults and their version. */
export function presenterFor(type: ResourceType): (object: KubeObject) => KubeObject {
  return type.custom ? (object) => presentCustomResource(type, object) : (object) => object;
}
