/**
 * The simulated registry: which images exist, how big they are, and how their default process behaves. An image
 * not listed here does not exist (ErrImagePull), as a typo would not on Docker Hub either; a listed repository
 * accepts the tags that repository really publishes in shape (e.g. `nginx:1.27`, `nginx:alpine`), not any tag.
 */
export type ImageInfo = {
  /** Fully qualified repository, e.g. docker.io/library/nginx. */
  repository: string;
  tags: RegExp;
  sizeBytes: number;
  /** The image's own entrypoint + cmd, as `docker inspect` shows it. */
  entrypoint: string[];
  /** Whether the default process keeps running (a server) or exits (a shell with no terminal). */
  serves: boolean;
  /** Ports the default process listens on. */
  ports: number[];
  /** A process that ignores SIGTERM (sh, sleep) takes the whole grace period to stop. */
  handlesSigterm: boolean;
};

const semver = (extra = "") => new RegExp(`^(latest${extra}|\\d+(\\.\\d+){0,2}(-[a-z0-9.]+)?)$`);
const mb = (n: number) => Math.round(n * 1024 * 1024);

const catalog: ImageInfo[] = [
  { repository: "docker.io/library/nginx", tags: semver("|stable|mainline|alpine|alpine-slim|perl|bookworm|stable-alpine|mainline-alpine"), sizeBytes: mb(67.7), entrypoint: ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], serves: true, ports: [80], handlesSigterm: true },
  { repository: "docker.io/library/httpd", tags: semver("|alpine"), sizeBytes: mb(58.5), entrypoint: ["httpd-foreground"], serves: true, ports: [80], handlesSigterm: true },
  { repository: "docker.io/library/redis", tags: semver("|alpine"), sizeBytes: mb(45.9), entrypoint: ["docker-entrypoint.sh", "redis-server"], serves: true, ports: [6379], handlesSigterm: true },
  { repository: "docker.io/library/postgres", tags: semver("|alpine"), sizeBytes: mb(158), entrypoint: ["docker-entrypoint.sh", "postgres"], serves: true, ports: [5432], handlesSigterm: true },
  { repository: "docker.io/library/mysql", tags: semver("|lts"), sizeBytes: mb(232), entrypoint: ["docker-entrypoint.sh", "mysqld"], serves: true, ports: [3306], handlesSigterm: true },
  { repository: "docker.io/library/mongo", tags: semver(), sizeBytes: mb(287), entrypoint: ["docker-entrypoint.sh", "mongod"], serves: true, ports: [27017], handlesSigterm: true },
  { repository: "docker.io/library/busybox", tags: semver("|musl|glibc|uclibc|stable"), sizeBytes: mb(2.2), entrypoint: ["sh"], serves: false, ports: [], handlesSigterm: false },
  { repository: "docker.io/library/alpine", tags: semver("|edge"), sizeBytes: mb(3.6), entrypoint: ["/bin/sh"], serves: false, ports: [], handlesSigterm: false },
  { repository: "docker.io/library/ubuntu", tags: /^(latest|\d\d\.\d\d|noble|jammy|focal)$/, sizeBytes: mb(29.7), entrypoint: ["/bin/bash"], serves: false, ports: [], handlesSigterm: false },
  { repository: "docker.io/library/debian", tags: /^(latest|\d+(\.\d+)?(-slim)?|bookworm(-slim)?|bullseye(-slim)?|trixie(-slim)?)$/, sizeBytes: mb(48.5), entrypoint: ["bash"], serves: false, ports: [], handlesSigterm: false },
  { repository: "docker.io/library/node", tags: semver("|lts|alpine|slim"), sizeBytes: mb(381), entrypoint: ["docker-entrypoint.sh", "node"], serves: false, ports: [], handlesSigterm: false },
  { repository: "docker.io/library/python", tags: semver("|alpine|slim"), sizeBytes: mb(370), entrypoint: ["python3"], serves: false, ports: [], handlesSigterm: false },
  { repository: "docker.io/curlimages/curl", tags: semver(), sizeBytes: mb(9.1), entrypoint: ["curl"], serves: false, ports: [], handlesSigterm: true },
  { repository: "registry.k8s.io/pause", tags: /^\d+\.\d+$/, sizeBytes: mb(0.3), entrypoint: ["/pause"], serves: true, ports: [], handlesSigterm: true },
  // The Kubernetes Book's images.
  { repository: "docker.io/nigelpoulton/k8sbook", tags: /^(latest|[\w.-]+)$/, sizeBytes: mb(42.1), entrypoint: ["node", "./app.js"], serves: true, ports: [8080], handlesSigterm: true },
  { repository: "docker.io/nigelpoulton/web-app", tags: /^(latest|[\w.-]+)$/, sizeBytes: mb(42.1), entrypoint: ["node", "./app.js"], serves: true, ports: [8080], handlesSigterm: true },
  { repository: "docker.io/nigelpoulton/getting-started-k8s", tags: /^(latest|[\w.-]+)$/, sizeBytes: mb(40.3), entrypoint: ["node", "./app.js"], serves: true, ports: [8080], handlesSigterm: true },
  { repository: "docker.io/nigelpoulton/tkb-sa", tags: /^(latest|[\w.-]+)$/, sizeBytes: mb(38.2), entrypoint: ["node", "./app.js"], serves: true, ports: [8080], handlesSigterm: true },
];

export type ImageReference = { repository: string; tag: string; canonical: string };

/** `nginx` → docker.io/library/nginx:latest, `bitnami/x:1` → docker.io/bitnami/x:1, as containerd normalises. */
export function parseImage(image: string): ImageReference {
  let name = image.split("@")[0] ?? image;
  let tag = "latest";
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const parts = name.split("/");
  const hasRegistry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? "");
  const repository = hasRegistry ? name : `docker.io/${parts.length === 1 ? "library/" : ""}${name}`;
  return { repository, tag, canonical: `${repository}:${tag}` };
}

export type PullResult = { ok: true; image: ImageInfo } | { ok: false; message: string };

/** What pulling `image` gives, with containerd's error text when it fails. */
export function pullImage(image: string): PullResult {
  const ref = parseImage(image);
  const found = catalog.find((entry) => entry.repository === ref.repository);
  if (!found) {
    return {
      ok: false,
      message: `failed to pull and unpack image "${ref.canonical}": failed to resolve reference "${ref.canonical}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (!found.tags.test(ref.tag)) {
    return { ok: false, message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.canonical}": failed to resolve reference "${ref.canonical}": ${ref.canonical}: not found` };
  }
  return { ok: true, image: found };
}
