import type { CommandContext } from "../../command";
import { CommandError } from "../../errors";
import { ManifestError, readManifests } from "../../mutate/read-manifests";
import type { ResourceRequest } from "../../resources/resolve-resource";

/** `get -f file`: each manifest object becomes a request for that object in its own (or the current) namespace. */
export async function requestsFromFiles(ctx: CommandContext): Promise<(ResourceRequest & { namespace?: string })[]> {
  let manifests;
  try {
    manifests = await readManifests(ctx.io, ctx.flags.strings("filename"), ctx.flags.bool("recursive"));
  } catch (error) {
    if (error instanceof ManifestError) throw new CommandError(error.message);
    throw error;
  }
  const resources = await ctx.discovery.resources();
  return manifests.map(({ source, object }) => {
    const apiVersion = typeof object.apiVersion === "string" ? object.apiVersion : "";
    const kind = typeof object.kind === "string" ? object.kind : "";
    const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const resource = resources.find((r) => r.kind === kind && r.group === group);
    if (!resource) {
      throw new CommandError(
        `resource mapping not found for name: "${metadata.name ?? ""}" namespace: "${metadata.namespace ?? ""}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
      );
    }
    return { resource, names: [metadata.name ?? ""], ...(resource.namespaced ? { namespace: metadata.namespace || ctx.namespace } : {}) };
  });
}
