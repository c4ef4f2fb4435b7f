import { execFile, type ExecFileException } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import { textInput } from "@/lib/terminal/program";
import { MemoryFs } from "@/lib/terminal/memory-fs";
import { buildKubeconfig } from "@/lib/server/apiserver/kubeconfig";
import { platformUser as superuser } from "@/lib/server/apiserver/cluster-api";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { ensureLearnerNamespace } from "@/lib/server/classrooms/provision-learner-namespace";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { kubectlDepsFor } from "@/lib/server/terminal/kubectl-deps-for";
import { useControllerCluster, type ControllerCluster } from "../../support/controller-cluster";
import type { KubectlResult } from "../../support/kubectl";
import { settleNamespaces } from "./settle";

/** One of the two clients compared: real kubectl 1.35 or the terminal's, each in its own twin namespace. */
export type ParityClient = {
  /** The learner's namespace this client works in (its kubeconfig context names it). */
  namespace: string;
  run(argv: string[], stdin?: string): Promise<KubectlResult>;
};

export type ParityCluster = {
  readonly cluster: ControllerCluster;
  readonly real: ParityClient;
  readonly ours: ParityClient;
  /** A namespace of another learner: the learner may not touch it (Forbidden cases). */
  readonly otherNamespace: string;
  readonly learnerEmail: string;
  /** Waits until controllers have converged both twin namespaces (rollouts done, pods placed and started). */
  settle(): Promise<void>;
};

export type ParityOptions = {
  /** Twin namespaces: the same length, so tables are as wide in both. */
  namespaces: [string, string];
  otherNamespace: string;
  /** Files (relative path → text) written into both clients' home directories, which are also their cwd. */
  files: Record<string, string>;
};

const learnerEmail = "learner@parity.test";

/**
 * The parity suite's world: the real API server and a controller worker, a learner like any classroom's (two
 * learner namespaces with the `edit` binding, quota and LimitRange, provisioned as joining a classroom does),
 * real kubectl with a kubeconfig holding the learner's token, and the terminal's kubectl acting as the same
 * learner in-process over the same ClusterApi, with a MemoryFs home holding the same files and kubeconfig.
 */
export function useParityCluster(options: ParityOptions): ParityCluster {
  const cluster = useControllerCluster({ timeoutMs: 30_000 });
  let real: ParityClient | undefined;
  let ours: ParityClient | undefined;
  let admin: InProcessClient | undefined;
  let realHome: string | undefined;
  const [realNs, oursNs] = options.namespaces;

  beforeAll(async () => {
    const { server } = cluster;
    const api = server.running.api;
    admin = new InProcessClient((request) => api.serve(request), superuser);
    const prisma = createPrismaClient(server.databaseUrl);
    const { token } = await server.user(learnerEmail, "LEARNER");
    const other = await server.user("other@parity.test", "LEARNER");
    const record = await prisma.user.findUniqueOrThrow({ where: { email: learnerEmail } });
    const otherRecord = await prisma.user.findUniqueOrThrow({ where: { email: other.email } });
    await prisma.$disconnect();
    const learner: PlatformUser = { id: record.id, email: record.email, name: record.name, role: record.role };
    const spec = (namespace: string, who: { id: string; email: string }) => ({
      namespace,
      classroomSlug: "parity",
      learner: who,
      instructorEmails: ["teacher@parity.test"],
    });
    await Promise.all([
      ensureLearnerNamespace(admin, spec(realNs, learner)),
      ensureLearnerNamespace(admin, spec(oursNs, learner)),
      ensureLearnerNamespace(admin, spec(options.otherNamespace, { id: otherRecord.id, email: otherRecord.email })),
    ]);

    // Pods created before the worker has registered its nodes get a FailedScheduling event that their twins,
    // created a moment later, may not: start once every node is Ready.
    await waitForReadyNodes(admin);

    const kubeconfig = (namespace: string) =>
      buildKubeconfig({ server: server.url, caPem: server.caPem, token, clusterName: "kubeclass", userName: learnerEmail, namespace });

    const home = mkdtempSync(join(tmpdir(), "kubectl-parity-"));
    realHome = home;
    for (const [path, text] of Object.entries({ ...options.files, ".kube/config": kubeconfig(realNs) })) {
      mkdirSync(dirname(join(home, path)), { recursive: true });
      writeFileSync(join(home, path), text);
    }
    const bin = cluster.bin;
    real = { namespace: realNs, run: (argv, stdin) => runBinary(bin, home, argv, stdin) };

    const oursHome = "/home/learner";
    const fs = new MemoryFs();
    for (const [path, text] of Object.entries({ ...options.files, ".kube/config": kubeconfig(oursNs) })) {
      await fs.mkdir(dirname(`${oursHome}/${path}`), { parents: true });
      await fs.writeFile(`${oursHome}/${path}`, text);
    }
    const program = kubectlProgram(kubectlDepsFor(learner, server.url, { api: () => Promise.resolve(api) }));
    ours = {
      namespace: oursNs,
      async run(argv, stdin) {
        let stdout = "";
        let stderr = "";
        const code = await program({
          argv: ["kubectl", ...argv],
          stdin: textInput(stdin ?? ""),
          stdout: { write: (text) => (stdout += text) },
          stderr: { write: (text) => (stderr += text) },
          env: new Map([["HOME", oursHome]]),
          cwd: oursHome,
          fs,
          signal: AbortSignal.timeout(30_000),
          now: () => new Date(),
        });
        return { code, stdout, stderr };
      },
    };
  }, 60_000);

  afterAll(() => {
    if (realHome) rmSync(realHome, { recursive: true, force: true });
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useParityCluster: used before beforeAll ran");
    return value;
  };
  return {
    cluster,
    get real() {
      return ready(real);
    },
    get ours() {
      return ready(ours);
    },
    otherNamespace: options.otherNamespace,
    learnerEmail,
    settle: () => settleNamespaces(ready(admin), options.namespaces),
  };
}

/** Real kubectl in `home` (its HOME and cwd, so ~/.kube/config and relative manifest paths resolve there). */
function runBinary(bin: string, home: string, argv: string[], stdin?: string): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      argv,
      { cwd: home, env: { PATH: process.env.PATH ?? "", HOME: home, NODE_ENV: "test" }, timeout: 30_000, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? "");
  });
}

async function waitForReadyNodes(admin: InProcessClient, timeoutMs = 30_000): Promise<void> {
  type Node = { status?: { conditions?: { type: string; status: string }[] } };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const nodes = (await admin.list("/api/v1/nodes")).items as Node[];
    const ready = (n: Node) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    if (nodes.length > 0 && nodes.every(ready)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the worker registered no Ready nodes in time");
}
