import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import { MemoryFs } from "@/lib/kubectl/testing/memory-fs";
import { textInput } from "@/lib/terminal/program";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { kubectl, kubectlBinary, succeeded, type KubectlResult } from "../../support/kubectl";

// The terminal's kubectl against the real API server, compared byte for byte with real kubectl 1.35 run as the
// same user on the same objects. Only AGE values are masked (keeping column widths), since seconds pass between runs.

let server: TestApiServer;
let admin: TestUser;
let user: UserInfo;
let binary: string;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@test.local", "ADMIN", "parity");
  binary = kubectlBinary(35);
  const real = (args: string[]) => kubectl(binary, admin.kubeconfig, args);
  // The terminal acts as the signed-in user: the identity the API server gives this user's token.
  const review = JSON.parse(succeeded(await real(["auth", "whoami", "-o", "json"]))) as { status: { userInfo: UserInfo } };
  user = review.status.userInfo;
  succeeded(await real(["create", "namespace", "parity"]));
  succeeded(await real(["create", "namespace", "other"]));
  succeeded(await real(["run", "web", "--image=nginx", "--labels=app=web,tier=front"]));
  succeeded(await real(["run", "db-10", "--image=postgres:16", "--labels=app=db"]));
  succeeded(await real(["run", "db-2", "--image=postgres:16", "--labels=app=db", "-n", "other"]));
  succeeded(await real(["create", "deployment", "hello", "--image=nginx", "--replicas=3"]));
  succeeded(await real(["expose", "deployment", "hello", "--port=80", "--target-port=8080"]));
  succeeded(await real(["create", "configmap", "settings", "--from-literal=mode=dev"]));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function ours(args: string[]): Promise<KubectlResult> {
  const fs = new MemoryFs({ "/home/t/.kube/config": readFileSync(admin.kubeconfig, "utf8") });
  let stdout = "";
  let stderr = "";
  const program = kubectlProgram({
    serve: (request) => server.running.api.serve({ ...request, user }),
    serverUrl: server.url,
    clientVersion: { major: "1", minor: "35", gitVersion: "v1.35.2" },
  });
  const code = await program({
    // As the real binary is run: --kubeconfig first (tests/support/kubectl-binary.ts).
    argv: ["kubectl", "--kubeconfig", "/home/t/.kube/config", ...args],
    stdin: textInput(""),
    stdout: { write: (t) => (stdout += t) },
    stderr: { write: (t) => (stderr += t) },
    env: new Map([["HOME", "/home/t"]]),
    cwd: "/home/t",
    fs,
    signal: new AbortController().signal,
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

/** AGE values (`5s`, `2m3s`, `<unknown>`) become `AGE` padded to the same width, so column alignment still counts. */
function maskAges(text: string): string {
  return text.replace(/\b(\d+[smhd](?:\d+[smh])?|<unknown>)( *)/g, (_, age: string, pad: string) => "AGE" + " ".repeat(Math.max(0, age.length + pad.length - 3)));
}

const cases: string[][] = [
  ["get", "pods"],
  ["get", "pods", "-o", "wide"],
  ["get", "deploy,svc"],
  ["get", "pods", "-o", "jsonpath={.items[*].metadata.name}"],
  ["get", "pods", "-o", 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}'],
  ["get", "ns"],
  ["api-resources"],
  ["api-resources", "--namespaced=false", "-o", "wide"],
  ["api-versions"],
  ["get", "pods", "-A", "--show-labels"],
  ["get", "pods", "-L", "app,tier", "--sort-by=.metadata.name"],
  ["get", "all"],
  ["get", "pod/web", "svc/hello", "-o", "name"],
  ["get", "pods", "web", "nope"],
  ["get", "pods", "-o", "json"],
  ["get", "svc", "hello", "-o", "yaml"],
  ["get", "pods", "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image", "-A"],
  ["get", "secrets", "-n", "empty-ns"],
  ["get", "widgets"],
  ["get", "pods", "--foo"],
  ["gt", "pods"],
  ["config", "view"],
  ["config", "get-contexts"],
  ["auth", "can-i", "create", "deployments"],
  ["cluster-info"],
];

describe("kubectl in the terminal matches real kubectl 1.35", () => {
  it.each(cases.map((args) => [args.join(" "), args] as const))("%s", async (_, args) => {
    const real = await kubectl(binary, admin.kubeconfig, args);
    const mine = await ours(args);
    expect({ code: mine.code, stdout: maskAges(mine.stdout), stderr: maskAges(mine.stderr) }).toEqual({
      code: real.code,
      stdout: maskAges(real.stdout),
      stderr: maskAges(real.stderr),
    });
  });
});
