import type { KubeClient } from "../client/kube-client";
import { CommandError, OutputError } from "../errors";
import type { ApiResource } from "./api-resource";

type GroupList = { groups?: { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion?: { groupVersion: string; version: string } }[] };
type ResourceList = { groupVersion?: string; resources?: Partial<ApiResource>[] };
export type DiscoveredGroup = { name: string; versions: string[]; preferred: string };

/**
 * Discovery for one program run (kubectl caches it on disk; a run here is short): the groups, and each group's
 * preferred version's resources, in the server's order (core first), as ServerPreferredResources gives them.
 */
export class Discovery {
  private groupsPromise?: Promise<DiscoveredGroup[]>;
  private resourcesPromise?: Promise<ApiResource[]>;

  constructor(private readonly client: KubeClient) {}

  groups(): Promise<DiscoveredGroup[]> {
    this.groupsPromise ??= this.loadGroups();
    return this.groupsPromise;
  }

  /** Every resource of every preferred version, subresources left out. */
  resources(): Promise<ApiResource[]> {
    this.resourcesPromise ??= this.loadResources();
    return this.resourcesPromise;
  }

  /** Resources of one group version (e.g. a non-preferred one named as `deployments.v1.apps`). */
  async resourcesOf(group: string, version: string): Promise<ApiResource[]> {
    const gv = group ? `${group}/${version}` : version;
    const path = group ? `/apis/${gv}` : `/api/${version}`;
    const list = (await this.client.get(path).catch(() => ({}))) as ResourceList;
    return (list.resources ?? [])
      .filter((r) => r.name && !r.name.includes("/"))
      .map((r) => ({
        name: r.name ?? "",
        singularName: r.singularName || (r.kind ?? "").toLowerCase(),
        namespaced: r.namespaced ?? false,
        kind: r.kind ?? "",
        verbs: r.verbs ?? [],
        shortNames: r.shortNames ?? [],
        categories: r.categories ?? [],
        group,
        version,
        groupVersion: gv,
      }));
  }

  private async loadGroups(): Promise<DiscoveredGroup[]> {
    const core = (await this.client.get("/api")) as { versions?: string[] };
    const apis = (await this.client.get("/apis")) as GroupList;
    const coreVersions = core.versions ?? ["v1"];
    return [
      { name: "", versions: coreVersions, preferred: coreVersions[0] ?? "v1" },
      ...(apis.groups ?? []).map((g) => ({
        name: g.name,
        versions: g.versions.map((v) => v.version),
        preferred: g.preferredVersion?.version ?? g.versions[0]?.version ?? "",
      })),
    ];
  }

  private async loadResources(): Promise<ApiResource[]> {
    let groups: DiscoveredGroup[];
    try {
      groups = await this.groups();
    } catch (error) {
      // A kubeconfig kubectl cannot use, or a server it cannot reach, is reported as is (kubeconfig/client-config.ts).
      if (error instanceof CommandError || error instanceof OutputError) throw error;
      throw new CommandError(`couldn't get current server API group list: ${(error as Error).message}`);
    }
    const lists = await Promise.all(groups.map((g) => this.resourcesOf(g.name, g.preferred)));
    return lists.flat();
  }
}
