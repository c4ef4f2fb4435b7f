import { AlreadyExistsError, ConflictError } from "../store/errors";
import type { KubeObject, ObjectKey, ObjectStore } from "../store/object-store";
import { runtimeGroup, type FileChange } from "./container-runtime";
import type { Container } from "./container-view";

// What a PersistentVolume holds: the files written to it through any pod that mounts its claim. On a real cluster
// that is the disk behind the volume, so it outlives the pods (and, with Retain, the claim); here it is an internal
// object per PersistentVolume beside the container runs, under the group the registry does not serve. Paths are
// relative to the volume's root.

export const volumeDataResource = "volumes";

/** The files of claim-backed volumes, by the pod's volume name (paths relative to the volume's root). */
export type VolumeFiles = Record<string, FileChange[]>;

export interface VolumeDataStore {
  get(volume: string): Promise<FileChange[]>;
  write(volume: string, changes: FileChange[]): Promise<void>;
}

type Stored = KubeObject & { files: FileChange[] };

export function storeVolumeData(store: ObjectStore, cluster: string): VolumeDataStore {
  const key = (name: string): ObjectKey => ({ cluster, group: runtimeGroup, resource: volumeDataResource, namespace: "", name });
  return {
    async get(volume) {
      return ((await store.get(key(volume))) as Stored | undefined)?.files ?? [];
    },
    async write(volume, changes) {
      if (changes.length === 0) return;
      // Compare-and-swap, retried: two pods (or two exec sessions) may write to one volume at once.
      for (let attempt = 0; attempt < 5; attempt++) {
        const stored = (await store.get(key(volume))) as Stored | undefined;
        try {
          if (!stored) await store.create(key(volume), { metadata: { name: volume, uid: volume }, files: changes });
          else await store.update(key(volume), { ...stored, files: [...stored.files, ...changes] }, stored.metadata.resourceVersion);
          return;
        } catch (error) {
          if (!(error instanceof ConflictError || error instanceof AlreadyExistsError)) throw error;
        }
      }
    },
  };
}

type Volume = { name: string; persistentVolumeClaim?: { claimName?: string } };

/** The pod's volumes backed by a claim, volume name → claim name. */
export function claimVolumes(pod: KubeObject): Map<string, string> {
  const volumes = ((pod.spec ?? {}) as { volumes?: Volume[] }).volumes ?? [];
  return new Map(volumes.filter((v) => v.persistentVolumeClaim?.claimName).map((v) => [v.name, v.persistentVolumeClaim!.claimName!]));
}

const under = (root: string, path: string) => (path === root ? "" : path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined);

/**
 * Splits a container's file changes (absolute paths) into those that land on a claim-backed volume (by the pod's
 * volume name, relative to the volume's root, subPath included) and the rest, which stay in the container's run.
 */
export function splitVolumeWrites(container: Container | undefined, backed: ReadonlySet<string>, changes: FileChange[]): { run: FileChange[]; volumes: VolumeFiles } {
  // The deepest mount wins, as a mount inside another hides what is under it.
  const mounts = (container?.volumeMounts ?? []).filter((m) => backed.has(m.name)).map((m) => ({ ...m, root: m.mountPath.replace(/\/+$/, "") })).sort((a, b) => b.root.length - a.root.length);
  const run: FileChange[] = [];
  const volumes: VolumeFiles = {};
  for (const change of changes) {
    const mount = mounts.find((m) => under(m.root, change.path) !== undefined);
    const relative = mount ? under(mount.root, change.path) : undefined;
    if (!mount || !relative) {
      run.push(change);
      continue;
    }
    const path = mount.subPath ? `${mount.subPath.replace(/\/+$/, "")}/${relative}` : relative;
    (volumes[mount.name] ??= []).push({ ...change, path });
  }
  return { run, volumes };
}

/** A claim-backed volume's files as seen at the mount (relative path → content), subPath applied. */
export function volumeFilesAt(changes: FileChange[], subPath?: string): [string, string][] {
  const files = new Map<string, string | null>();
  for (const change of changes) files.set(change.path, change.content);
  const prefix = subPath ? `${subPath.replace(/\/+$/, "")}/` : "";
  const out: [string, string][] = [];
  for (const [path, content] of files) if (content !== null && path.startsWith(prefix)) out.push([path.slice(prefix.length), content]);
  return out;
}
