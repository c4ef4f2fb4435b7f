import type { KubeObject } from "../../store/object-store";
import { groupVersion } from "../resources/resource-type";
import { badRequest, invalid } from "../status";
import type { Target } from "./target";

/**
 * The checks every create and update makes on a decoded body before anything else: it is an object of the
 * addressed kind and version, in the addressed namespace, with a name when the URL has one.
 */
export function checkBody(target: Target, body: unknown, expectName: string | undefined): KubeObject {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(`the body of the request must be a JSON object of kind ${target.type.kind}`);
  }
  const object = body as Record<string, unknown>;
  const expectedVersion = groupVersion(target.type);
  // Like the API server's decoder, a body without apiVersion and kind takes them from the URL.
  const kind = object.kind === undefined || object.kind === "" ? target.type.kind : object.kind;
  if (typeof kind !== "string") throw badRequest(`Object 'Kind' is missing in '${truncate(JSON.stringify(body))}'`);
  const apiVersion = object.apiVersion === undefined || object.apiVersion === "" ? expectedVersion : object.apiVersion;
  if (apiVersion !== expectedVersion) {
    throw badRequest(
      `the API version in the data (${typeof apiVersion === "string" ? apiVersion : ""}) does not match the expected API version (${expectedVersion})`,
    );
  }
  if (kind !== target.type.kind) {
    throw badRequest(`the kind in the data (${kind}) does not match the expected kind (${target.type.kind})`);
  }
  const metadata = object.metadata ?? {};
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw invalid(target.type.kind, target.type.group, "", [
      { reason: "FieldValueInvalid", message: "Invalid value: must be an object", field: "metadata" },
    ]);
  }
  const meta = { ...(metadata as Record<string, unknown>) };
  if (target.type.namespaced) {
    if (meta.namespace !== undefined && meta.namespace !== "" && meta.namespace !== target.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.namespace = target.namespace;
  } else {
    delete meta.namespace;
  }
  if (expectName !== undefined && meta.name !== undefined && meta.name !== expectName) {
    throw badRequest(`the name of the object (${JSON.stringify(meta.name)}) does not match the name on the URL (${expectName})`);
  }
  return { ...object, apiVersion, kind, metadata: meta };
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
