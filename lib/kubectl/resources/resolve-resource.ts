import { CommandError } from "../errors";
import type { ApiResource } from "./api-resource";
import type { Discovery } from "./discovery";

/**
 * The resource types one word names, as kubectl's RESTMapper and category expander resolve it: plural, singular,
 * short name or kind (any case), optionally qualified by group (`deployments.apps`, `deploy.apps`) or by version
 * and group (`deployments.v1.apps`); a category (`all`) names several types.
 */
export async function resolveResource(discovery: Discovery, word: string): Promise<ApiResource[]> {
  const token = word.toLowerCase();
  const resources = await discovery.resources();
  const direct = match(resources, token, undefined);
  if (direct) return [direct];
  const dot = token.indexOf(".");
  if (dot > 0) {
    const name = token.slice(0, dot);
    const rest = token.slice(dot + 1);
    const grouped = match(resources, name, rest);
    if (grouped) return [grouped];
    const versioned = await matchVersioned(discovery, name, rest);
    if (versioned) return [versioned];
  }
  const inCategory = resources.filter((r) => r.categories.includes(token));
  if (inCategory.length > 0) return inCategory;
  throw new CommandError(`the server doesn't have a resource type "${word}"`);
}

function match(resources: ApiResource[], name: string, group: string | undefined): ApiResource | undefined {
  const candidates = group === undefined ? resources : resources.filter((r) => r.group === group);
  const tests: ((r: ApiResource) => boolean)[] = [
    (r) => r.name === name,
    (r) => r.singularName === name,
    (r) => r.shortNames.includes(name),
    (r) => r.kind.toLowerCase() === name,
  ];
  for (const test of tests) {
    const found = candidates.find(test);
    if (found) return found;
  }
  return undefined;
}

/** `deployments.v1.apps`: a version that may not be the preferred one. */
async function matchVersioned(discovery: Discovery, name: string, rest: string): Promise<ApiResource | undefined> {
  const dot = rest.indexOf(".");
  const version = dot >= 0 ? rest.slice(0, dot) : rest;
  const group = dot >= 0 ? rest.slice(dot + 1) : "";
  const known = (await discovery.groups()).find((g) => g.name === group && g.versions.includes(version));
  if (!known) return undefined;
  return match(await discovery.resourcesOf(group, version), name, group);
}

/** What a `get`-style argument list names: types, each with the object names asked for (none: all). */
export type ResourceRequest = { resource: ApiResource; names: string[] };

const typeSlashNameHint =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";

/**
 * `pods`, `pods a b`, `pods,svc`, `pods,svc a`, `pod/a svc/b`: resolved in order, one entry per type (kubectl
 * groups `type/name` arguments of the same type). `commandName` fills "the server doesn't have…" messages.
 */
export async function resolveArgs(discovery: Discovery, args: string[]): Promise<ResourceRequest[]> {
  const [first, ...rest] = args;
  if (first === undefined) return [];
  const requests: ResourceRequest[] = [];
  if (first.includes("/")) {
    for (const arg of args) {
      const slash = arg.indexOf("/");
      if (slash < 0) throw new CommandError(typeSlashNameHint);
      const name = arg.slice(slash + 1);
      if (name === "") throw new CommandError(`arguments in resource/name form must have a single resource and name`);
      const [resource] = await resolveResource(discovery, arg.slice(0, slash));
      if (!resource) continue;
      const last = requests.at(-1);
      if (last && last.resource === resource) last.names.push(name);
      else requests.push({ resource, names: [name] });
    }
    return requests;
  }
  if (rest.some((arg) => arg.includes("/"))) throw new CommandError(typeSlashNameHint);
  const seen = new Set<ApiResource>();
  for (const word of first.split(",").filter((w) => w !== "")) {
    for (const resource of await resolveResource(discovery, word)) {
      if (seen.has(resource)) continue;
      seen.add(resource);
      requests.push({ resource, names: [...rest] });
    }
  }
  return requests;
}
