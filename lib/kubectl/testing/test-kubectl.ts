import { createRbacAuthorizer } from "../../cluster/auth/rbac-authorizer";
import { ManualClock } from "../../cluster/clock";
import { chainAdmission, rbacEscalationAdmission } from "../../cluster/api/admission";
import type { ApiRequest } from "../../cluster/api/api-request";
import { bootstrapCluster } from "../../cluster/api/bootstrap-cluster";
import { InProcessClient } from "../../cluster/api/in-process-client";
import { rbacSourceFromStore } from "../../cluster/api/rbac-store-source";
import { ResourceRegistry } from "../../cluster/api/resources/resource-registry";
import type { ApiContext } from "../../cluster/api/rest/api-context";
import { serveRequest } from "../../cluster/api/serve-request";
import type { UserInfo } from "../../cluster/auth/user-info";
import { MemoryObjectStore } from "../../cluster/store/memory-object-store";
import { textInput, type Program } from "../../terminal/program";
import type { Command } from "../command";
import { kubectlProgram } from "../kubectl-program";
import type { KubectlDeps } from "../kubectl-deps";
import { toYaml } from "../printers/yaml";
import { MemoryFs } from "./memory-fs";

export type RunResult = { code: number; stdout: string; stderr: string };

export const testUser: UserInfo = { username: "jane@example.com", uid: "1", groups: ["system:masters", "system:authenticated"] };

/**
 * kubectl against the real API request path (RBAC, admission, REST) over an in-memory store and a manual clock,
 * for unit tests: `const k = await testKubectl(); await k.admin.create(...); expect((await k.run("get pods")).stdout)…`.
 * The user is cluster-admin unless `user` says otherwise; the kubeconfig's context namespace is `namespace`.
 */
export async function testKubectl(options: { user?: UserInfo; namespace?: string; commands?: Command[] } = {}) {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  let uid = 0;
  const ctx: ApiContext = { store, registry: new ResourceRegistry(), clock, cluster: "test", newUid: () => `uid-${++uid}`, randomSuffix: () => "x2b4z" };
  await bootstrapCluster(ctx);
  const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
  let t = 0;
  const serve = (request: ApiRequest) =>
    serveRequest(
      { ctx, authorizer, admission: chainAdmission(rbacEscalationAdmission(authorizer)), registry: ctx.registry, serverAddress: "test:6443", authorize: (a) => authorizer.authorize(a), elapsedMs: () => ++t },
      request,
    );
  const user = options.user ?? testUser;
  const deps: KubectlDeps = {
    serve: (request) => serve({ ...request, user }),
    serverUrl: "https://kubeclass.test:6443",
    clientVersion: { major: "1", minor: "35", gitVersion: "v1.35.0" },
  };
  const admin = new InProcessClient(serve, { username: "root", uid: "0", groups: ["system:masters", "system:authenticated"] });
  const home = "/home/jane";
  const fs = new MemoryFs({ [`${home}/.kube/config`]: toYaml(initialKubeconfig(user.username, options.namespace)) });
  const program: Program = kubectlProgram(deps, options.commands);

  /** Runs one command line (split at spaces; single or double quotes keep spaces) or an argv array. */
  async function run(line: string | string[], extra: { stdin?: string; signal?: AbortSignal; argv0?: string; program?: Program } = {}): Promise<RunResult> {
    const argv = typeof line === "string" ? splitLine(line) : line;
    let stdout = "";
    let stderr = "";
    const code = await (extra.program ?? program)({
      argv: argv[0] === "kubectl" || extra.argv0 ? argv : ["kubectl", ...argv],
      stdin: textInput(extra.stdin ?? ""),
      stdout: { write: (text) => (stdout += text) },
      stderr: { write: (text) => (stderr += text) },
      env: new Map([["HOME", home]]),
      cwd: home,
      fs,
      signal: extra.signal ?? new AbortController().signal,
      now: () => clock.now(),
    });
    return { code, stdout, stderr };
  }
  return { run, admin, clock, fs, deps, home, store };
}

export function initialKubeconfig(user: string, namespace = "default") {
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubeclass", cluster: { server: "https://kubeclass.test:6443", "certificate-authority-data": "Q0E=" } }],
    users: [{ name: user, user: { token: "secret-token" } }],
    contexts: [{ name: "kubeclass", context: { cluster: "kubeclass", user, namespace } }],
    "current-context": "kubeclass",
    preferences: {},
  };
}

function splitLine(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3] ?? "");
  return words;
}
