import { KubeApiError } from "../client/kube-api-error";
import type { ApiResource } from "./api-resource";

/**
 * A list the server refused as BadRequest or NotFound, reworded as kubectl's resource builder does: the message
 * names the GroupVersionResource (`/v1, Resource=pods`) and the selectors, and stays an API error
 * (`Error from server (BadRequest): Unable to find …`). Anything else comes back unchanged.
 */
export function builderListError(error: unknown, resource: ApiResource, query: { labelSelector?: string; fieldSelector?: string }): Error {
  if (!(error instanceof KubeApiError) || (error.code !== 400 && error.code !== 404)) return error as Error;
  const gvr = JSON.stringify(`${resource.group}/${resource.version}, Resource=${resource.name}`);
  const labels = query.labelSelector ?? "";
  const fields = query.fieldSelector ?? "";
  const message =
    labels === "" && fields === ""
      ? `Unable to list ${gvr}: ${error.message}`
      : `Unable to find ${gvr} that match label selector ${JSON.stringify(labels)}, field selector ${JSON.stringify(fields)}: ${error.message}`;
  return new KubeApiError(error.code, error.reason, message, error.details);
}
