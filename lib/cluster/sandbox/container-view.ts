import type { Cache } from "../controllers/runtime/controller";
import { resources } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { containerEnv } from "./container-env";
import { filesAt, type ContainerRun, type FileChange } from "./container-runtime";
import { resolverConfig } from "./dns";
import { parseImage, pullImage, type ImageInfo } from "./image-catalog";
import { volumeFilesAt, type VolumeFiles } from "./volume-data";

// What one container sees from inside: its files (mounted volumes + a few image base files) and its environment,
// derived from the pod and the objects it references, as the kubelet would have materialised them at start.

export type ViewSource = Pick<Cache, "get" | "list">;
export type ContainerView = {
  pod: KubeObject;
  container: string;
  image: ImageInfo | undefined;
  imageRef: string;
  /** Absolute path → file content. Directories are implied by the paths. */
  files: Map<string, string>;
  env: Map<string, string>;
  namespace: string;
  podIP: string;
  /** Files written or removed in this view (by touch, rm, …), for the runtime to keep. */
  written: FileChange[];
};

type KeyToPath = { key: string; path: string };
export type EnvVar = { name: string; value?: string; valueFrom?: Record<string, { name?: string; key?: string; fieldPath?: string; resource?: string; optional?: boolean }> };
export type Container = { name: string; image?: string; command?: string[]; args?: string[]; env?: EnvVar[]; envFrom?: { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[]; volumeMounts?: { name: string; mountPath: string; subPath?: string }[]; resources?: { limits?: Record<string, string>; requests?: Record<string, string> } };
type Volume = Record<string, unknown> & { name: string };
type PodSpec = { containers?: Container[]; initContainers?: Container[]; volumes?: Volume[]; nodeName?: string; serviceAccountName?: string };

const decode = (value: string) => Buffer.from(value, "base64").toString("utf8");

export function dataOf(source: ViewSource, kind: "configMap" | "secret", namespace: string, name: string): Record<string, string> | undefined {
  const object = source.get(kind === "configMap" ? resources.configmaps : resources.secrets, namespace, name);
  if (!object) return undefined;
  if (kind === "secret") return Object.fromEntries(Object.entries((object.data ?? {}) as Record<string, string>).map(([k, v]) => [k, decode(v)]));
  return { ...((object.data ?? {}) as Record<string, string>) };
}

function keyedFiles(data: Record<string, string> | undefined, items: KeyToPath[] | undefined): [string, string][] {
  if (!data) return [];
  if (!items || items.length === 0) return Object.entries(data);
  return items.filter((i) => data[i.key] !== undefined).map((i) => [i.path, data[i.key]!]);
}

export const fieldValue = (pod: KubeObject, path: string): string | undefined => {
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as { podIP?: string; hostIP?: string };
  const map = (m: unknown) => Object.entries((m ?? {}) as Record<string, string>).map(([k, v]) => `${k}="${v}"`).join("\n");
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return ((label[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations) as Record<string, string> | undefined)?.[label[2]!] ?? "";
  const fields: Record<string, string | undefined> = {
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace,
    "metadata.uid": pod.metadata.uid,
    "metadata.labels": map(pod.metadata.labels),
    "metadata.annotations": map(pod.metadata.annotations),
    "status.podIP": status.podIP ?? "",
    "status.hostIP": status.hostIP ?? "",
    "spec.nodeName": spec.nodeName ?? "",
    "spec.serviceAccountName": spec.serviceAccountName ?? "default",
  };
  return fields[path];
};

/** Volume name → files relative to the mount. */
function volumeFiles(source: ViewSource, pod: KubeObject, volume: Volume): [string, string][] {
  const namespace = pod.metadata.namespace ?? "";
  type Ref = { name?: string; secretName?: string; items?: KeyToPath[] };
  const cm = volume.configMap as Ref | undefined;
  if (cm) return keyedFiles(dataOf(source, "configMap", namespace, cm.name ?? ""), cm.items);
  const secret = volume.secret as Ref | undefined;
  if (secret) return keyedFiles(dataOf(source, "secret", namespace, secret.secretName ?? ""), secret.items);
  const downward = volume.downwardAPI as { items?: { path: string; fieldRef?: { fieldPath: string } }[] } | undefined;
  if (downward) return (downward.items ?? []).map((i) => [i.path, `${fieldValue(pod, i.fieldRef?.fieldPath ?? "") ?? ""}`]);
  const projected = volume.projected as { sources?: { configMap?: Ref; secret?: Ref; serviceAccountToken?: { path: string }; downwardAPI?: unknown }[] } | undefined;
  if (projected) {
    return (projected.sources ?? []).flatMap((s): [string, string][] => {
      if (s.configMap) return keyedFiles(dataOf(source, "configMap", namespace, s.configMap.name ?? ""), s.configMap.items);
      if (s.secret) return keyedFiles(dataOf(source, "secret", namespace, s.secret.name ?? ""), s.secret.items);
      if (s.serviceAccountToken) return [[s.serviceAccountToken.path, `eyJhbGciOiJSUzI1NiJ9.simulated-token-for-${pod.metadata.name ?? ""}`]];
      if (s.downwardAPI) return volumeFiles(source, pod, { name: volume.name, downwardAPI: s.downwardAPI });
      return [];
    });
  }
  return [];
}

const osRelease: Record<string, string> = {
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
};

/** The image's family: what /etc/os-release and the shell's tool set follow. */
export function imageFamily(imageRef: string): "busybox" | "alpine" | "ubuntu" | "debian" {
  const ref = parseImage(imageRef);
  if (ref.repository.endsWith("/busybox")) return "busybox";
  // The book's images are built on node's Alpine variant.
  if (ref.repository.endsWith("/alpine") || ref.tag.includes("alpine") || ref.repository.includes("curlimages") || ref.repository.startsWith("docker.io/nigelpoulton/")) return "alpine";
  if (ref.repository.endsWith("/ubuntu")) return "ubuntu";
  return "debian";
}

function baseFiles(source: ViewSource, pod: KubeObject, imageRef: string, podIP: string): [string, string][] {
  const name = pod.metadata.name ?? "";
  const dns = resolverConfig(source, pod.metadata.namespace ?? "");
  const family = imageFamily(imageRef);
  const files: [string, string][] = [
    ["/etc/hostname", `${name}\n`],
    ["/etc/hosts", `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${podIP}\t${name}\n`],
    ["/etc/resolv.conf", `search ${dns.search.join(" ")}\nnameserver ${dns.nameserver}\noptions ${dns.options.join(" ")}\n`],
    ["/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"],
  ];
  if (family !== "busybox") files.push(["/etc/os-release", osRelease[family]!]);
  // The service account token the kubelet mounts unless the pod opts out (automountServiceAccountToken: false).
  if ((pod.spec as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken !== false) {
    const dir = "/var/run/secrets/kubernetes.io/serviceaccount";
    files.push([`${dir}/namespace`, pod.metadata.namespace ?? ""], [`${dir}/token`, `eyJhbGciOiJSUzI1NiJ9.simulated-token-for-${name}`], [`${dir}/ca.crt`, "-----BEGIN CERTIFICATE-----\n(the cluster CA)\n-----END CERTIFICATE-----\n"]);
  }
  if (parseImage(imageRef).repository.endsWith("/nginx")) {
    files.push(["/usr/share/nginx/html/index.html", nginxWelcome], ["/etc/nginx/conf.d/default.conf", "server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n"]);
  }
  return files;
}

export const nginxWelcome =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

export function containerOf(pod: KubeObject, name: string): Container | undefined {
  const spec = (pod.spec ?? {}) as PodSpec;
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c) => c.name === name);
}

/**
 * The view of container `name` of `pod`; undefined when the pod has no such container. With `run` (what the
 * runtime recorded when it started the container), the env is the one fixed then and the files include what
 * was written since (up to `at`, ms); without, the env is resolved from the objects as they are now. `volumes`
 * holds what claim-backed volumes contain (volume-data.ts), by the pod's volume name.
 */
export function containerView(source: ViewSource, pod: KubeObject, name: string, run?: ContainerRun, at?: number, volumes?: VolumeFiles): ContainerView | undefined {
  const container = containerOf(pod, name);
  if (!container) return undefined;
  const spec = (pod.spec ?? {}) as PodSpec;
  const podIP = ((pod.status ?? {}) as { podIP?: string }).podIP ?? "";
  const imageRef = container.image ?? "";
  const pulled = pullImage(imageRef);
  const files = new Map<string, string>(baseFiles(source, pod, imageRef, podIP));
  for (const mount of container.volumeMounts ?? []) {
    const volume = (spec.volumes ?? []).find((v) => v.name === mount.name);
    if (!volume) continue;
    const root = mount.mountPath.replace(/\/+$/, "");
    if (volume.persistentVolumeClaim) {
      // The volume is mounted over what the image has there (nginx's welcome page under a web root claim).
      for (const path of [...files.keys()]) if (path.startsWith(`${root}/`)) files.delete(path);
      for (const [path, content] of volumeFilesAt(volumes?.[volume.name] ?? [], mount.subPath)) files.set(`${root}/${path}`, content);
    }
    for (const [path, content] of volumeFiles(source, pod, volume)) {
      if (mount.subPath) {
        if (path === mount.subPath) files.set(root, content);
      } else files.set(`${root}/${path}`, content);
    }
    // An empty volume (emptyDir, or one with no keys) still shows as a directory.
    files.set(`${root}/`, "");
  }
  for (const [path, content] of filesAt(run, at)) {
    if (content === null) files.delete(path);
    else files.set(path, content);
  }
  const env = run ? new Map(run.env) : containerEnv(source, pod, container, imageRef, podIP);
  return { pod, container: name, image: pulled.ok ? pulled.image : undefined, imageRef, files, env, namespace: pod.metadata.namespace ?? "", podIP, written: [] };
}

