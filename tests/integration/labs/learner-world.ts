import { dirname } from "node:path";
import { beforeAll } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { groupVersion } from "@/lib/cluster/api/resources/resource-type";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import { normaliseHomePath } from "@/lib/labs/home-file-path";
import type { CommandRecord, LabCluster } from "@/lib/labs/lab-cluster";
import { platformUser as superuser } from "@/lib/server/apiserver/cluster-api";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { ensureLearnerNamespace } from "@/lib/server/classrooms/provision-learner-namespace";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { labClusterFor } from "@/lib/server/labs/lab-cluster-for";
import { kubectlDepsFor } from "@/lib/server/terminal/kubectl-deps-for";
import { terminalKubeconfig } from "@/lib/server/terminal/terminal-kubeconfig";
import { MemoryFs } from "@/lib/terminal/memory-fs";
import { textInput } from "@/lib/terminal/program";
import { Shell } from "@/lib/terminal/shell";
import { TextSink } from "@/lib/terminal/streams";
import { useControllerCluster, type ControllerCluster } from "../../support/controller-cluster";

/** One learner's run through a lab: their own fresh namespace, home directory and shell. */
export type LearnerRun = {
  namespace: string;
  /** The engine's view of the namespace; `commands()` answers from this run's shell history. */
  lab: LabCluster;
  /** Runs one command line in the learner's shell (kubectl in-process, as the learner). */
  line(text: string): Promise<{ out: string; err: string; status: number }>;
  writeFiles(files: { path: string; content: string }[]): Promise<void>;
  /** Creates a step's setup objects in the namespace, as the platform does before a step. */
  setup(objects: Record<string, unknown>[]): Promise<void>;
  /** Deletes the Services (freeing fixed nodePorts for the next run) and the namespace. */
  dispose(): Promise<void>;
};

export type LearnerWorld = { cluster: ControllerCluster; admin(): InProcessClient; freshLearner(): Promise<LearnerRun> };

const home = "/home/learner";
const email = "learner@labs.test";

/**
 * The API server and a controller worker (realism delays zero), with one learner provisioned like a classroom
 * join for each run: a new learner namespace (edit binding, quota, LimitRange) per `freshLearner()`.
 */
export function useLearnerWorld(): LearnerWorld {
  const cluster = useControllerCluster({ timeoutMs: 30_000, classroomFixtures: true });
  let admin: InProcessClient | undefined;
  let learner: PlatformUser | undefined;
  let prisma: ReturnType<typeof createPrismaClient> | undefined;
  let runs = 0;

  beforeAll(async () => {
    const { server } = cluster;
    const api = server.running.api;
    admin = new InProcessClient((request) => api.serve(request), superuser);
    prisma = createPrismaClient(server.databaseUrl);
    await server.user(email, "LEARNER");
    const record = await prisma.user.findUniqueOrThrow({ where: { email } });
    learner = { id: record.id, email: record.email, name: record.name, role: record.role };
    await waitForReadyNodes(admin);
  }, 60_000);

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useLearnerWorld: used before beforeAll ran");
    return value;
  };

  async function freshLearner(): Promise<LearnerRun> {
    const client = ready(admin);
    const who = ready(learner);
    const api = cluster.server.running.api;
    const namespace = `lab-run-${++runs}`;
    await ensureLearnerNamespace(client, { namespace, classroomSlug: "labs", learner: who, instructorEmails: ["teacher@labs.test"] });

    const fs = new MemoryFs({ now: () => new Date() });
    await fs.mkdir(`${home}/.kube`, { parents: true });
    // The kubeconfig the browser terminal writes (context `kubeclass`), so labs can name it.
    await fs.writeFile(`${home}/.kube/config`, terminalKubeconfig({ serverUrl: cluster.server.url, email, namespace }));
    const kubectl = kubectlProgram(kubectlDepsFor(who, cluster.server.url, { api: () => Promise.resolve(api) }));
    const shell = new Shell({ fs, home, userName: "learner", programs: { kubectl }, now: () => new Date() });
    const history: CommandRecord[] = [];
    const view = labClusterFor(api, ready(prisma), { userId: who.id, namespace }, () => new Date());
    const homeFile = async (path: string): Promise<string | undefined> => {
      const relative = normaliseHomePath(path);
      const stat = relative === undefined ? undefined : await fs.stat(`${home}/${relative}`);
      return stat?.kind === "file" ? fs.readFile(`${home}/${relative}`) : undefined;
    };
    const lab: LabCluster = { ...view, namespace, commands: (since) => Promise.resolve(history.filter((c) => !since || c.at >= since)), homeFile };

    return {
      namespace,
      lab,
      async line(text) {
        history.push({ line: text, at: new Date() });
        const out = new TextSink();
        const err = new TextSink();
        const status = await shell.run(text, { stdin: textInput(""), stdout: out, stderr: err, signal: AbortSignal.timeout(60_000) });
        return { out: out.text, err: err.text, status };
      },
      async writeFiles(files) {
        for (const file of files) {
          const path = `${home}/${file.path}`;
          await fs.mkdir(dirname(path), { parents: true });
          await fs.writeFile(path, file.content);
        }
      },
      async setup(objects) {
        for (const object of objects) {
          const { apiVersion, kind } = object as { apiVersion: string; kind: string };
          const type = api.ctx.registry.forKind(apiVersion, kind);
          if (!type?.namespaced) throw new Error(`setup: ${apiVersion} ${kind} is not a namespaced kind`);
          await client.create(InProcessClient.path(groupVersion(type), type.plural, namespace), object);
        }
      },
      async dispose() {
        const services = await client.list(`/api/v1/namespaces/${namespace}/services`);
        for (const service of services.items) await client.delete(`/api/v1/namespaces/${namespace}/services/${service.metadata.name}`);
        await client.delete(`/api/v1/namespaces/${namespace}`);
      },
    };
  }

  return { cluster, admin: () => ready(admin), freshLearner };
}

async function waitForReadyNodes(admin: InProcessClient, timeoutMs = 30_000): Promise<void> {
  type Node = { status?: { conditions?: { type: string; status: string }[] } };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const nodes = (await admin.list("/api/v1/nodes")).items as Node[];
    const isReady = (n: Node) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    if (nodes.length > 0 && nodes.every(isReady)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the worker registered no Ready nodes in time");
}
