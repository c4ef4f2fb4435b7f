/**
 * Where a manifest's object lives on the server: its resource type (from apiVersion and kind, through
 * discovery), namespace and name, as kubectl's resource builder works them out for -f.
 */
import { isJsonObject, setOwn, type JsonObject } from "../../cluster/api/patch/json-value";
import { CommandError } from "../errors";
import type { ApiResource } from "../resources/api-resource";
import type { Discovery } from "../resources/discovery";
import type { Manifest } from "./read-manifests";

export type ObjectTarget = { resource: ApiResource; namespace: string | undefined; name: string; object: JsonObject; source: string };

export type TargetScope = { namespace: string; namespaceExplicit: boolean };

/** Resolves one manifest; the object gets the namespace it will be written to (kubectl sets it too). */
export async function targetOf(discovery: Discovery, manifest: Manifest, scope: TargetScope, requireName = true): Promise<ObjectTarget> {
  const object = manifest.object;
  const apiVersion = typeof object.apiVersion === "string" ? object.apiVersion : "";
  const kind = typeof object.kind === "string" ? object.kind : "";
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : "";
  if (!apiVersion || !kind) {
    // kubectl's validator aggregates these: one error prints bare, several as "[a, b]".
    const problems = [fieldProblem("apiVersion", object.apiVersion), fieldProblem("kind", object.kind)].filter((p) => p !== "");
    const text = problems.length === 1 ? (problems[0] ?? "") : `[${problems.join(", ")}]`;
    throw new CommandError(`error validating "${manifest.source}": error validating data: ${text}; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const resource = await resourceForKind(discovery, apiVersion, kind);
  if (!resource) {
    const ns = typeof metadata.namespace === "string" ? metadata.namespace : "";
    throw new CommandError(
      `resource mapping not found for name: "${name}" namespace: "${ns}" from "${manifest.source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
    );
  }
  let namespace: string | undefined;
  if (resource.namespaced) {
    const own = typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : undefined;
    if (own && scope.namespaceExplicit && own !== scope.namespace) {
      throw new CommandError(
        `the namespace from the provided object "${own}" does not match the namespace "${scope.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    namespace = own ?? scope.namespace;
    setOwn(metadata, "namespace", namespace);
    setOwn(object, "metadata", metadata);
  }
  if (requireName && name === "") throw new CommandError(`error when retrieving current configuration of:\nResource: "${resource.group ? `${resource.group}/${resource.version}` : resource.version}, Resource=${resource.name}", GroupVersionKind: "${apiVersion}, Kind=${kind}"\nName: "", Namespace: "${namespace ?? ""}"\nfrom server for: "${manifest.source}": resource name may not be empty`);
  return { resource, namespace, name, object, source: manifest.source };
}

export async function resourceForKind(discovery: Discovery, apiVersion: string, kind: string): Promise<ApiResource | undefined> {
  const slash = apiVersion.indexOf("/");
  const group = slash >= 0 ? apiVersion.slice(0, slash) : "";
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  const preferred = (await discovery.resources()).find((r) => r.group === group && r.version === version && r.kind === kind);
  if (preferred) return preferred;
  const known = (await discovery.groups()).find((g) => g.name === group && g.versions.includes(version));
  if (!known) return undefined;
  return (await discovery.resourcesOf(group, version)).find((r) => r.kind === kind);
}

function fieldProblem(field: string, value: unknown): string {
  if (value === undefined || value === null) return `${field} not set`;
  return typeof value === "string" ? (value === "" ? `${field} not set` : "") : `${field} isn't string type`;
}
