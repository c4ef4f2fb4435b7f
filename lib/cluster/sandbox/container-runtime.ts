import { AlreadyExistsError, ConflictError, NotFoundError } from "../store/errors";
import type { KubeObject, ObjectKey, ObjectStore } from "../store/object-store";

// What the container runtime remembers about one run of one container (one restartCount of it): the env and
// argv the kubelet resolved when it started it, and the files written to its writable layer since. On a real
// node this lives in containerd, not in the API; here it is an internal object in the same store, under a
// group the registry does not serve, so no URL, discovery document or `kubectl get pod -o yaml` shows it.

export const runtimeGroup = "runtime.kubeclass.internal";
export const runtimeResource = "containers";

/** A change to the writable layer: a file written (content) or removed (null), at a time in ms. */
export type FileChange = { at: number; path: string; content: string | null };

export type ContainerRun = {
  podUid: string;
  container: string;
  restartCount: number;
  startedAt: number;
  /** In the kubelet's order, as `env` prints it. */
  env: [string, string][];
  /** Command and args with their `$(VAR)` references expanded. */
  command?: string[];
  args?: string[];
  files: FileChange[];
};

export type RunKey = { namespace: string; podUid: string; container: string; restartCount: number };

/** The kubelet's and the exec stream's access to runs: reads, the start of a run, and writes to its files. */
export interface ContainerRuntime {
  get(key: RunKey): Promise<ContainerRun | undefined>;
  /** Records a started run (a repeat of the same start keeps the first record) and forgets runs before the previous one. */
  started(namespace: string, run: ContainerRun): Promise<void>;
  /** Adds changes to a run's files; a run not yet recorded (nothing in it depended on a moment) is recorded as `run`. */
  writeFiles(namespace: string, run: ContainerRun, changes: FileChange[]): Promise<void>;
  /** Forgets every run of a pod (it is gone). */
  forgetPod(namespace: string, podUid: string): Promise<void>;
}

const runName = (key: Omit<RunKey, "namespace">) => `${key.podUid}.${key.container}.${key.restartCount}`;

/** Files a command creates as it starts (`touch /tmp/healthy`, `echo ok > /tmp/ready`), before anything else runs. */
export function filesCreatedBy(argv: string[], at: number): FileChange[] {
  const text = argv.join(" ");
  const changes: FileChange[] = [];
  for (const match of text.matchAll(/\btouch\s+((?:[^\s;&|]+\s*)+)/g)) {
    for (const path of (match[1] ?? "").trim().split(/\s+/)) if (path.startsWith("/")) changes.push({ at, path, content: "" });
  }
  for (const match of text.matchAll(/\becho\s+([^;&|>]*?)\s*>\s*(\/[^\s;&|]+)/g)) changes.push({ at, path: match[2]!, content: `${(match[1] ?? "").replace(/^["']|["']$/g, "")}\n` });
  return changes;
}

/** The writable layer at time `at` (ms; every change when omitted): path → content, null for removed. */
export function filesAt(run: ContainerRun | undefined, at = Number.POSITIVE_INFINITY): Map<string, string | null> {
  const files = new Map<string, string | null>();
  for (const change of run?.files ?? []) if (change.at <= at) files.set(change.path, change.content);
  return files;
}

type Stored = KubeObject & { run: ContainerRun };

/** Runs kept in an ObjectStore, outside the served resources. */
export function storeContainerRuntime(store: ObjectStore, cluster: string): ContainerRuntime {
  const key = (namespace: string, name: string): ObjectKey => ({ cluster, group: runtimeGroup, resource: runtimeResource, namespace, name });
  const ignore = (...kinds: (typeof NotFoundError | typeof AlreadyExistsError)[]) => (error: unknown) => {
    if (!kinds.some((kind) => error instanceof kind)) throw error;
  };
  return {
    async get(k) {
      const stored = (await store.get(key(k.namespace, runName(k)))) as Stored | undefined;
      return stored?.run;
    },
    async started(namespace, run) {
      const name = runName(run);
      await store.create(key(namespace, name), { metadata: { name, namespace, uid: name }, run }).catch(ignore(AlreadyExistsError));
      // The previous run stays for `kubectl logs --previous`; older ones go.
      if (run.restartCount >= 2) await store.delete(key(namespace, runName({ ...run, restartCount: run.restartCount - 2 }))).catch(ignore(NotFoundError));
    },
    async writeFiles(namespace, run, changes) {
      if (changes.length === 0) return;
      const name = runName(run);
      // Compare-and-swap, retried: two exec sessions may write at once.
      for (let attempt = 0; attempt < 5; attempt++) {
        const stored = (await store.get(key(namespace, name))) as Stored | undefined;
        try {
          if (!stored) await store.create(key(namespace, name), { metadata: { name, namespace, uid: name }, run: { ...run, files: [...run.files, ...changes] } });
          else await store.update(key(namespace, name), { ...stored, run: { ...stored.run, files: [...stored.run.files, ...changes] } }, stored.metadata.resourceVersion);
          return;
        } catch (error) {
          if (!(error instanceof ConflictError || error instanceof AlreadyExistsError)) throw error;
        }
      }
    },
    async forgetPod(namespace, podUid) {
      const listed = await store.list({ cluster, group: runtimeGroup, resource: runtimeResource, namespace });
      for (const item of listed.items) {
        if ((item as Stored).run?.podUid === podUid) await store.delete(key(namespace, item.metadata.name ?? "")).catch(ignore(NotFoundError));
      }
    },
  };
}
