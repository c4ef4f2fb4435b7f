import { builtinResources } from "./builtin-resources";
import { groupVersion, type ResourceType } from "./resource-type";

/**
 * Every resource type the API serves, looked up the ways requests need: by URL (group, version, plural) and by
 * an object's apiVersion + kind. Custom resources join at run time when their CRD is established.
 */
export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();
  private readonly order: ResourceType[] = [];
  private changes = 0;

  constructor(types: ResourceType[] = builtinResources) {
    for (const type of types) this.add(type);
  }

  add(type: ResourceType): void {
    const pathKey = `${type.group}/${type.version}/${type.plural}`;
    if (this.byPath.has(pathKey)) this.remove(type.group, type.version, type.plural);
    this.byPath.set(pathKey, type);
    this.byKind.set(`${groupVersion(type)}/${type.kind}`, type);
    this.order.push(type);
    this.changes++;
  }

  remove(group: string, version: string, plural: string): void {
    const type = this.byPath.get(`${group}/${version}/${plural}`);
    if (!type) return;
    this.byPath.delete(`${group}/${version}/${plural}`);
    this.byKind.delete(`${groupVersion(type)}/${type.kind}`);
    this.order.splice(this.order.indexOf(type), 1);
    this.changes++;
  }

  /** Moves on every add and remove: caches built from the registry (OpenAPI documents) key on it. */
  get revision(): number {
    return this.changes;
  }

  resolve(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  forKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  all(): readonly ResourceType[] {
    return this.order;
  }

  /** Groups in first-registered order, each with its versions (one per group today). */
  groups(): { name: string; versions: string[] }[] {
    const groups = new Map<string, Set<string>>();
    for (const type of this.order) {
      const versions = groups.get(type.group) ?? new Set<string>();
      versions.add(type.version);
      groups.set(type.group, versions);
    }
    return [...groups].map(([name, versions]) => ({ name, versions: [...versions] }));
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.order.filter((t) => t.group === group && t.version === version);
  }
}
