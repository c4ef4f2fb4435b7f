import type { KubeObject } from "../../store/object-store";
import { mediaType } from "../decode-body";
import type { ApiContext } from "../rest/api-context";
import { deleteObject, type DeleteOptions, type DeleteResult } from "../rest/delete-object";
import { applyScale, toScale } from "../rest/scale";
import type { Target } from "../rest/target";
import type { ResourceType } from "../resources/resource-type";
import { unsupportedMediaType } from "../status";
import { isCrdType } from "./crd-object";
import type { CrdSync } from "./crd-sync";
import { applyCustomScale, toCustomScale } from "./custom-scale";
import { deleteCrd } from "./delete-crd";
import { presenterFor } from "./write-hooks";

/**
 * What the REST routes do differently for CRDs and custom objects, in one place so the routes stay generic:
 * how objects are shown, what a stored CRD write means for the registry, /scale, patch types and DELETE.
 */
export type CustomRoutes = {
  /** The object as the client sees it (custom objects: read-time defaults, the requested version). */
  present: (object: KubeObject) => KubeObject;
  /** A write that was stored: a CRD's new state is served from now on in this process. */
  stored: (object: KubeObject, dryRun: boolean) => KubeObject;
  toScale: (object: KubeObject) => KubeObject;
  applyScale: (target: Target, object: KubeObject, scale: unknown) => KubeObject;
  /** Throws 415 for patch types the resource does not take (custom objects: strategic merge). */
  checkPatchType: (contentType: string) => void;
  delete: (ctx: ApiContext, target: Target, options: DeleteOptions) => Promise<DeleteResult>;
};

const customPatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

export function customRoutes(type: ResourceType, sync: CrdSync | undefined): CustomRoutes {
  const crd = isCrdType(type);
  const scaled = type.custom?.scale !== undefined;
  return {
    present: presenterFor(type),
    stored: (object, dryRun) => {
      if (crd && !dryRun) sync?.observe(object);
      return presenterFor(type)(object);
    },
    toScale: (object) => (scaled ? toCustomScale(type, object) : toScale(object)),
    applyScale: (target, object, scale) => (scaled ? applyCustomScale(type, target, object, scale) : applyScale(target, object, scale)),
    checkPatchType: (contentType) => {
      if (type.custom && !customPatchTypes.includes(mediaType(contentType))) throw unsupportedMediaType(customPatchTypes);
    },
    delete: (ctx, target, options) => (crd ? deleteCrd(ctx, target, options, sync) : deleteObject(ctx, target, options)),
  };
}
