// One evaluation's view of the cluster: every (apiVersion, kind) is listed at most once, events and commands
// are read at most once, however many checks ask. Concurrent checks share the same pending promise.
import { resolveApiVersion } from "./kind-versions";
import type { CommandRecord, KubeObject, LabCluster } from "./lab-cluster";

export interface EvalContext {
  readonly cluster: LabCluster;
  readonly now: Date;
  /** When the step started; events and commands before it do not count. */
  readonly since?: Date;
  list(kind: string, apiVersion?: string): Promise<KubeObject[]>;
  find(kind: string, name: string, apiVersion?: string): Promise<KubeObject | undefined>;
  events(): Promise<KubeObject[]>;
  commands(): Promise<CommandRecord[]>;
}

export function createEvalContext(cluster: LabCluster, now: Date, since?: Date): EvalContext {
  const lists = new Map<string, Promise<KubeObject[]>>();
  let events: Promise<KubeObject[]> | undefined;
  let commands: Promise<CommandRecord[]> | undefined;
  const list = (kind: string, apiVersion?: string): Promise<KubeObject[]> => {
    const version = resolveApiVersion(kind, apiVersion);
    const key = `${version}/${kind}`;
    let pending = lists.get(key);
    if (!pending) {
      pending = cluster.list(version, kind);
      lists.set(key, pending);
    }
    return pending;
  };
  return {
    cluster,
    now,
    since,
    list,
    find: async (kind, name, apiVersion) => (await list(kind, apiVersion)).find((o) => o.metadata?.name === name),
    events: () => (events ??= cluster.events()),
    commands: () => (commands ??= cluster.commands(since)),
  };
}
