import { parse as parseYaml } from "yaml";
import { decodeKubernetesProtobuf, KUBERNETES_PROTOBUF_MEDIA_TYPE } from "./protobuf/decode-kubernetes-protobuf";
import { sanitizeBody } from "./rest/storable";
import { badRequest, unsupportedMediaType } from "./status";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Media types a create or update body may come in: JSON and YAML, and Kubernetes protobuf, which kubectl's
 * typed clients (`kubectl create namespace|deployment|…`, `auth can-i`) send since 1.32.
 */
export const objectMediaTypes = ["application/json", "application/yaml", KUBERNETES_PROTOBUF_MEDIA_TYPE];

export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Decodes a create/update body, with Kubernetes' wording for what cannot be read. */
export function decodeObjectBody(body: Uint8Array | undefined, contentType: string, expectedKind: string): unknown {
  const type = mediaType(contentType) || "application/json";
  if (!objectMediaTypes.includes(type)) throw unsupportedMediaType(objectMediaTypes);
  if (type === KUBERNETES_PROTOBUF_MEDIA_TYPE) return sanitizeBody(decodeKubernetesProtobuf(body ?? new Uint8Array()), expectedKind);
  const text = decodeText(body);
  if (text.trim() === "") throw badRequest(`the body of the request was empty (must be of type ${expectedKind})`);
  let decoded: unknown;
  try {
    decoded = type === "application/yaml" ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw badRequest(
      `the object provided is unrecognized (must be of type ${expectedKind}): couldn't get version/kind; ` +
        `${type === "application/yaml" ? "yaml" : "json"} parse error: ${detail}`,
    );
  }
  return sanitizeBody(decoded, expectedKind);
}

export function decodeText(body: Uint8Array | undefined): string {
  if (!body || body.length === 0) return "";
  try {
    return decoder.decode(body);
  } catch {
    throw badRequest("the body of the request is not valid UTF-8");
  }
}
