import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { kubectl, kubectlBinary, type KubectlResult } from "../../support/kubectl";

// Server-side apply with real kubectl, oldest and newest: field ownership across applies, `kubectl scale` taking
// spec.replicas, the conflict a later apply meets and --force-conflicts, pruning of fields dropped from the file,
// and moving an object from client-side to server-side apply.
const versions = [21, 35] as const;

let server: TestApiServer;
let admin: TestUser;
let dir: string;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("ssa-admin@test.local", "ADMIN");
  dir = join(admin.kubeconfig, "..");
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

type ManagedField = { manager: string; operation: string; apiVersion: string; subresource?: string; fieldsV1: Record<string, unknown> };

const ok = (result: KubectlResult) => {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

describe.each(versions)("kubectl v1.%i apply --server-side", (minor) => {
  const ns = `ssa-${minor}`;
  let bin: string;
  const k = (args: string[]) => kubectl(bin, admin.kubeconfig, args);
  const file = (name: string, text: string) => {
    const path = join(dir, `${minor}-${name}`);
    writeFileSync(path, text);
    return path;
  };
  const get = async (kind: string, name: string) =>
    JSON.parse(ok(await k(["-n", ns, "get", kind, name, "-o", "json", "--show-managed-fields"]))) as {
      metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: ManagedField[] };
      spec: Record<string, unknown>;
      data?: Record<string, string>;
    };
  const managers = (object: { metadata: { managedFields?: ManagedField[] } }) =>
    (object.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ""}`).sort();

  const deployment = (options: { replicas?: number; tier?: boolean; env?: boolean }) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels:
    app: web${options.tier === false ? "" : "\n    tier: frontend"}
spec:${options.replicas === undefined ? "" : `\n  replicas: ${options.replicas}`}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 8080${options.env === false ? "" : "\n        env:\n        - name: MODE\n          value: fast"}
`;

  beforeAll(async () => {
    bin = kubectlBinary(minor);
    ok(await k(["create", "namespace", ns]));
  });

  it("creates, re-applies, and records one Apply entry for kubectl", async () => {
    expect(ok(await k(["apply", "--server-side", "-f", file("d1.yaml", deployment({ replicas: 3 }))]))).toBe("deployment.apps/web serverside-applied\n");
    expect(ok(await k(["apply", "--server-side", "-f", file("d1.yaml", deployment({ replicas: 3 }))]))).toBe("deployment.apps/web serverside-applied\n");
    const live = await get("deployment", "web");
    expect(managers(live)).toEqual(["kubectl/Apply"]);
    const entry = live.metadata.managedFields![0]!;
    expect(entry.apiVersion).toBe("apps/v1");
    const spec = entry.fieldsV1["f:spec"] as Record<string, Record<string, unknown>>;
    expect(spec["f:replicas"]).toEqual({});
    // Defaulted fields belong to no one; the selector is atomic; ports are keyed by port and (defaulted) protocol.
    expect(spec["f:progressDeadlineSeconds"]).toBeUndefined();
    expect(spec["f:selector"]).toEqual({});
    const container = ((spec["f:template"]!["f:spec"] as Record<string, Record<string, Record<string, unknown>>>)["f:containers"]!)['k:{"name":"web"}']!;
    expect(container["."]).toEqual({});
    expect(Object.keys(container["f:ports"] as object)).toEqual(['k:{"containerPort":8080,"protocol":"TCP"}']);
    // kubectl hides managedFields unless asked.
    expect(ok(await k(["-n", ns, "get", "deployment", "web", "-o", "yaml"]))).not.toContain("managedFields");
  });

  it("lets kubectl scale take spec.replicas; a later apply conflicts until --force-conflicts", async () => {
    expect(ok(await k(["-n", ns, "scale", "deployment", "web", "--replicas=5"]))).toBe("deployment.apps/web scaled\n");
    const scaled = await get("deployment", "web");
    // kubectl scale names no field manager: the server takes it from the User-Agent (kubectl/v1.xx …).
    const scaler = scaled.metadata.managedFields!.find((m) => m.subresource === "scale")!;
    expect(scaler).toMatchObject({ manager: "kubectl", operation: "Update", apiVersion: "apps/v1", fieldsV1: { "f:spec": { "f:replicas": {} } } });
    const applier = scaled.metadata.managedFields!.find((m) => m.operation === "Apply")!;
    expect((applier.fieldsV1["f:spec"] as Record<string, unknown>)["f:replicas"]).toBeUndefined();

    const conflict = await k(["apply", "--server-side", "-f", file("d1.yaml", deployment({ replicas: 3 }))]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      'error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    expect(conflict.stderr).toContain("--force-conflicts");
    expect((await get("deployment", "web")).spec.replicas).toBe(5);

    // Applying the live value is no conflict: the applier shares the field.
    ok(await k(["apply", "--server-side", "-f", file("d5.yaml", deployment({ replicas: 5 }))]));

    ok(await k(["apply", "--server-side", "--force-conflicts", "-f", file("d3.yaml", deployment({ replicas: 3 }))]));
    const forced = await get("deployment", "web");
    expect(forced.spec.replicas).toBe(3);
    expect(managers(forced)).toEqual(["kubectl/Apply"]);
  });

  it("removes what the applied file no longer sets, unless someone else owns it", async () => {
    ok(await k(["-n", ns, "label", "deployment", "web", "owner=ops"]));
    ok(await k(["apply", "--server-side", "-f", file("d-less.yaml", deployment({ tier: false, env: false }))]));
    const live = await get("deployment", "web");
    expect(live.metadata.labels).toEqual({ app: "web", owner: "ops" });
    const container = (live.spec.template as { spec: { containers: { env?: unknown }[] } }).spec.containers[0]!;
    expect(container.env).toBeUndefined();
    // spec.replicas was dropped from the file too: back to its default.
    expect(live.spec.replicas).toBe(1);
  });

  it("takes over an object from client-side apply, then keeps client-side apply working", async () => {
    const cm = (value: string, extra: boolean) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata:\n  mode: ${value}\n${extra ? "  extra: yes-please\n" : ""}`;
    ok(await k(["apply", "-f", file("cm1.yaml", cm("slow", true))]));
    expect(managers(await get("configmap", "settings"))).toEqual(["kubectl-client-side-apply/Update"]);
    // A changed value would conflict with kubectl-client-side-apply, but that manager's fields still hold what
    // its last apply set, so kubectl's server-side apply takes them over.
    expect(ok(await k(["apply", "--server-side", "-f", file("cm2.yaml", cm("fast", true))]))).toContain("serverside-applied");
    const migrated = await get("configmap", "settings");
    expect(migrated.data).toEqual({ mode: "fast", extra: "yes-please" });
    // kubectl 1.26+ also moves kubectl-client-side-apply's fields to its Apply entry (a JSON patch of
    // managedFields) and keeps the annotation through a "kubectl-last-applied" apply; older kubectl leaves both.
    expect(managers(migrated)).toEqual(minor >= 26 ? ["kubectl-last-applied/Apply", "kubectl/Apply"] : ["kubectl-client-side-apply/Update", "kubectl/Apply"]);
    expect(JSON.parse(migrated.metadata.annotations!["kubectl.kubernetes.io/last-applied-configuration"]!)).toMatchObject({ data: { mode: "fast" } });
    // Client-side apply still works afterwards.
    ok(await k(["apply", "-f", file("cm3.yaml", cm("medium", true))]));
    expect((await get("configmap", "settings")).data).toEqual({ mode: "medium", extra: "yes-please" });
  });
});
