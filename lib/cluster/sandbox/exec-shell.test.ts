import { describe, expect, it } from "vitest";
import { resourceName, type ResourceId } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { containerView, type ViewSource } from "./container-view";
import { execArgv, openShell } from "./exec-shell";

function source(objects: [string, Record<string, unknown>][]): ViewSource {
  const of = (resource: ResourceId) => objects.filter(([r]) => r === resourceName(resource)).map(([, o]) => o as KubeObject);
  return {
    get: (resource, namespace, name) => of(resource).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (resource, namespace) => of(resource).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ namespace: "shop", name, creationTimestamp: "2026-01-01T00:00:00Z", ...extra });
const pod = (name: string, ip: string, containers: unknown[], extra: Record<string, unknown> = {}) => ({
  metadata: meta(name, { labels: { app: name } }),
  spec: { nodeName: "node-1", containers, ...extra },
  status: { phase: "Running", podIP: ip },
});

const world = source([
  ["services", { metadata: { namespace: "kube-system", name: "kube-dns" }, spec: { clusterIP: "10.96.0.10" } }],
  ["services", { metadata: meta("web"), spec: { clusterIP: "10.100.20.30", ports: [{ name: "http", port: 80, protocol: "TCP" }] } }],
  ["services", { metadata: meta("empty"), spec: { clusterIP: "10.100.20.31", ports: [{ port: 80 }] } }],
  ["services", { metadata: meta("later", { creationTimestamp: "2026-02-01T00:00:00Z" }), spec: { clusterIP: "10.100.20.32", ports: [{ port: 80 }] } }],
  ["endpointslices.discovery.k8s.io", { metadata: { namespace: "shop", name: "web-x", labels: { "kubernetes.io/service-name": "web" } }, addressType: "IPv4", endpoints: [{ addresses: ["10.244.1.5"], conditions: { ready: true } }], ports: [{ name: "http", port: 80 }] }],
  ["configmaps", { metadata: meta("names"), data: { given: "Nigel", family: "Poulton" } }],
  ["secrets", { metadata: meta("creds"), data: { password: Buffer.from("s3cret").toString("base64") } }],
  ["pods", pod("web-1", "10.244.1.5", [{ name: "nginx", image: "nginx:1.27" }])],
  [
    "pods",
    pod(
      "box",
      "10.244.2.9",
      [
        {
          name: "main",
          image: "busybox",
          command: ["sleep", "3600"],
          env: [
            { name: "GREETING", value: "hi $(HOSTNAME)" },
            { name: "PASS", valueFrom: { secretKeyRef: { name: "creds", key: "password" } } },
            { name: "MY_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
            { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
          ],
          envFrom: [{ prefix: "CM_", configMapRef: { name: "names" } }],
          volumeMounts: [{ name: "names", mountPath: "/etc/name" }, { name: "info", mountPath: "/etc/podinfo" }, { name: "scratch", mountPath: "/cache" }],
        },
      ],
      {
        volumes: [
          { name: "names", configMap: { name: "names", items: [{ key: "given", path: "given" }] } },
          { name: "info", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
          { name: "scratch", emptyDir: {} },
        ],
      },
    ),
  ],
]);

const boxPod = world.get({ group: "", version: "v1", plural: "pods" }, "shop", "box")!;
const box = containerView(world, boxPod, "main")!;
const nginx = containerView(world, world.get({ group: "", version: "v1", plural: "pods" }, "shop", "web-1")!, "nginx")!;
const now = () => Date.parse("2026-11-26T04:10:09Z");
const sh = (line: string, view = box) => openShell(world, view, now).run(line);

describe("container view", () => {
  it("mounts ConfigMap items, downward API files and an empty emptyDir", () => {
    expect(execArgv(world, box, ["cat", "/etc/name/given"], now)).toEqual({ stdout: "Nigel", stderr: "", exitCode: 0 });
    expect(sh("ls /etc/name").stdout).toBe("given\n");
    expect(sh("cat /etc/podinfo/labels").stdout).toBe('app="box"');
    expect(sh("ls /cache")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(sh("cat /etc/hostname").stdout).toBe("box\n");
    expect(sh("cat /etc/resolv.conf").stdout).toBe("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
  });

  it("builds the environment from values, Secrets, fields, envFrom and earlier Services", () => {
    expect(box.env.get("GREETING")).toBe("hi box");
    expect(box.env.get("PASS")).toBe("s3cret");
    expect(box.env.get("MY_IP")).toBe("10.244.2.9");
    expect(box.env.get("NODE")).toBe("node-1");
    expect(box.env.get("CM_family")).toBe("Poulton");
    expect(box.env.get("WEB_SERVICE_HOST")).toBe("10.100.20.30");
    expect(box.env.get("WEB_SERVICE_PORT_HTTP")).toBe("80");
    expect(box.env.get("WEB_PORT_80_TCP_ADDR")).toBe("10.100.20.30");
    expect(box.env.has("LATER_SERVICE_HOST")).toBe(false);
    expect(nginx.env.get("NGINX_VERSION")).toBe("1.27.0");
    expect(nginx.env.get("HOSTNAME")).toBe("web-1");
  });
});

describe("secret and projected volumes", () => {
  it("decodes Secret values, maps items to paths and mounts the service account token", () => {
    const withVolumes = {
      ...boxPod,
      spec: {
        containers: [{ name: "c", image: "nginx", volumeMounts: [{ name: "s", mountPath: "/secret" }, { name: "p", mountPath: "/all/" }] }],
        volumes: [
          { name: "s", secret: { secretName: "creds", items: [{ key: "password", path: "db/pass" }] } },
          { name: "p", projected: { sources: [{ configMap: { name: "names" } }, { secret: { name: "creds" } }, { serviceAccountToken: { path: "token" } }] } },
        ],
      },
    } as KubeObject;
    const view = containerView(world, withVolumes, "c")!;
    const run = (line: string) => openShell(world, view, now).run(line).stdout;
    expect(run("cat /secret/db/pass")).toBe("s3cret");
    expect(openShell(world, view, now).run("echo x > /secret/new")).toEqual({ stdout: "", stderr: "sh: can't create /secret/new: Read-only file system\n", exitCode: 1 });
    expect(openShell(world, view, now).run("touch /all/token /all/other; rm /secret/db/pass").stderr).toBe("touch: /all/other: Read-only file system\nrm: can't remove '/secret/db/pass': Read-only file system\n");
    expect(run("ls /all")).toBe("family\ngiven\npassword\ntoken\n");
    expect(run("cat /var/run/secrets/kubernetes.io/serviceaccount/namespace")).toBe("shop");
    expect(run("cat /etc/os-release | head -1")).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    expect(run("cat /usr/share/nginx/html/index.html | grep -c nginx")).toBe("4\n");
    expect(containerView(world, withVolumes, "nope")).toBeUndefined();
  });
});

describe("exec shell", () => {
  it("expands variables and runs lists and pipes", () => {
    expect(sh('echo "$PASS" and $NODE').stdout).toBe("s3cret and node-1\n");
    expect(sh("env | grep CM_ | wc -l").stdout).toBe("2\n");
    expect(sh("false && echo no || echo yes; echo done").stdout).toBe("yes\ndone\n");
    expect(sh("cd /etc/name; pwd; cat given").stdout).toBe("/etc/name\nNigel");
    expect(sh("ps").stdout).toContain("    1 root      0:00 sleep 3600\n");
    expect(sh("date").stdout).toBe("Thu Nov 26 04:10:09 UTC 2026\n");
  });

  it("redirects output to files, which later commands read and the view records as writes", () => {
    const view = containerView(world, boxPod, "main")!;
    const shell = openShell(world, view, now);
    expect(shell.run("echo hello > /cache/greeting; echo again >> /cache/greeting")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(shell.run("cat /cache/greeting").stdout).toBe("hello\nagain\n");
    expect(shell.run("echo hi>/cache/short && ls /cache").stdout).toBe("greeting\nshort\n");
    expect(shell.run("cat /nope 2>/dev/null || echo missing").stdout).toBe("missing\n");
    expect(shell.run("cat /nope 2>&1 | wc -l").stdout).toBe("1\n");
    expect(shell.run("echo x > /no/such/file")).toEqual({ stdout: "", stderr: "sh: can't create /no/such/file: nonexistent directory\n", exitCode: 1 });
    expect(shell.run("echo x > /cache").stderr).toBe("sh: can't create /cache: Is a directory\n");
    expect(view.written.map((w) => [w.path, w.content])).toEqual([
      ["/cache/greeting", "hello\n"],
      ["/cache/greeting", "hello\nagain\n"],
      ["/cache/short", "hi\n"],
    ]);
  });

  it("reports missing programs and exit codes", () => {
    expect(sh("frobnicate")).toEqual({ stdout: "", stderr: "sh: frobnicate: not found\n", exitCode: 127 });
    const missing = execArgv(world, box, ["curl", "http://web"], now);
    expect(missing.exitCode).toBe(127);
    expect(missing.stderr).toContain('exec: "curl": executable file not found in $PATH');
    expect(execArgv(world, box, ["sh", "-c", "exit 3"], now).exitCode).toBe(3);
    expect(execArgv(world, box, ["cat", "/nope"], now)).toEqual({ stdout: "", stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
  });

  it("resolves and reaches Services the way busybox and curl show it", () => {
    expect(sh("nslookup web").stdout).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.shop.svc.cluster.local\nAddress: 10.100.20.30\n\n");
    expect(sh("nslookup nope")).toMatchObject({ exitCode: 1, stderr: "** server can't find nope: NXDOMAIN\n\n" });
    for (const host of ["web", "web.shop", "web.shop.svc.cluster.local", "10.100.20.30", "10.244.1.5"]) {
      expect(sh(`wget -qO- http://${host}`).stdout, host).toContain("<title>Welcome to nginx!</title>");
    }
    expect(sh("wget -qO- http://empty")).toMatchObject({ exitCode: 1, stderr: "wget: can't connect to remote host (10.100.20.31): Connection refused\n" });
    expect(sh("wget -qO- http://web:8080").exitCode).toBe(1);
    expect(sh("wget -qO- http://ghost").stderr).toBe("wget: bad address 'ghost'\n");
    expect(sh("curl -s web", nginx).stdout).toContain("Welcome to nginx!");
    expect(sh("curl ghost", nginx)).toEqual({ stdout: "", stderr: "curl: (6) Could not resolve host: ghost\n", exitCode: 6 });
    expect(sh("ping -c 2 web-1", box).exitCode).toBe(1);
    expect(sh("ping -c 2 10.244.1.5").stdout).toContain("2 packets transmitted, 2 packets received");
  });
});
