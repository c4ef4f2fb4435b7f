import { parse as parseYaml } from "yaml";
import { badRequest, unsupportedMediaType } from "./status";

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Media types a create or update body may come in. kubectl sends JSON; people with curl often send YAML. */
export const objectMediaTypes = ["application/json", "application/yaml"];

export function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Decodes a create/update body, with Kubernetes' wording for what cannot be read. */
export function decodeObjectBody(body: Uint8Array | undefined, contentType: string, expectedKind: string): unknown {
  const type = mediaType(contentType) || "application/json";
  if (!objectMediaTypes.includes(type)) throw unsupportedMediaType(objectMediaTypes);
  const text = decodeText(body);
  if (text.trim() === "") throw badRequest(`the body of the request was empty (must be of type ${expectedKind})`);
  try {
    return type === "application/yaml" ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw badRequest(
      `the object provided is unrecognized (must be of type ${expectedKind}): couldn't get version/kind; ` +
        `${type === "application/yaml" ? "yaml" : "json"} parse error: ${detail}`,
    );
  }
}

export function decodeText(body: Uint8Array | undefined): string {
  if (!body || body.length === 0) return "";
  try {
    return decoder.decode(body);
  } catch {
    throw badRequest("the body of the request is not valid UTF-8");
  }
}
