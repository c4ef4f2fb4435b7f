import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { ApiRequest } from "@/lib/cluster/api/api-request";
import { isApiError } from "../classrooms/converge-object";
import type { ExecSnapshot } from "@/lib/cluster/api/rest/pod-exec";
import { groupVersion } from "@/lib/cluster/api/resources/resource-type";
import { containerView, type ViewSource } from "@/lib/cluster/sandbox/container-view";
import { execArgv } from "@/lib/cluster/sandbox/exec-shell";
import type { AccessAttributes, CommandRecord, ExecResult, KubeObject, LabCluster, LabSubject } from "@/lib/labs/lab-cluster";
import { platformUser, type ClusterApi } from "../apiserver/cluster-api";
import type { PrismaClient } from "../db/generated/prisma/client";
import { readHomeFile } from "./read-home-file";

const neverAborted = new AbortController().signal;

/**
 * The check engine's view of ONE learner's namespace, read through the cluster API as the platform (so the
 * learner's own RBAC cannot hide or fake anything) and only ever at paths under that namespace: the engine names
 * kinds and object names, never a namespace, and the namespace comes from the learner's Membership, never from a
 * request. Nothing here writes: exec runs the simulated command without keeping its file writes.
 */
export function labClusterFor(api: ClusterApi, prisma: PrismaClient, learner: { userId: string; namespace: string }, now: () => Date): LabCluster {
  const { namespace } = learner;
  const client = new InProcessClient((request) => api.serve(request), platformUser, "kubeclass-lab-checker");

  const pathFor = (apiVersion: string, kind: string, name?: string, subresource?: string): string | undefined => {
    const type = api.ctx.registry.forKind(apiVersion, kind);
    // Cluster-scoped kinds are outside any namespace, so outside what a check may see.
    if (!type?.namespaced) return undefined;
    return InProcessClient.path(groupVersion(type), type.plural, namespace, name, subresource);
  };

  const list = async (apiVersion: string, kind: string): Promise<KubeObject[]> => {
    const path = pathFor(apiVersion, kind);
    if (!path) return [];
    try {
      return (await client.list(path)).items;
    } catch (error) {
      // A custom resource whose CRD is not installed simply has no objects here.
      if (isApiError(error, 404)) return [];
      throw error;
    }
  };

  return {
    namespace,
    list,
    async get(apiVersion, kind, name) {
      const path = pathFor(apiVersion, kind, name);
      if (!path) return undefined;
      try {
        return await client.get(path);
      } catch (error) {
        if (isApiError(error, 404)) return undefined;
        throw error;
      }
    },
    events: () => list("v1", "Event"),
    exec: (pod, container, argv) => execIn(api, namespace, pod, container, argv, now),
    canI: (subject, attributes) => canI(api, namespace, subject, attributes),
    async commands(since?: Date): Promise<CommandRecord[]> {
      const rows = await prisma.terminalCommand.findMany({
        where: { userId: learner.userId, ...(since ? { startedAt: { gte: since } } : {}) },
        orderBy: { startedAt: "asc" },
        select: { line: true, startedAt: true },
        take: 2000,
      });
      return rows.map((row) => ({ line: row.line, at: row.startedAt }));
    },
    homeFile: (path) => readHomeFile(prisma, learner.userId, path),
  };
}

function request(partial: Omit<ApiRequest, "query" | "accept" | "contentType" | "signal"> & Partial<ApiRequest>): ApiRequest {
  return { query: new URLSearchParams(), accept: "application/json", contentType: "application/json", signal: neverAborted, userAgent: "kubeclass-lab-checker", ...partial };
}

/** pods/exec in-process, as the terminal's `kubectl exec` does, then the simulated command on the snapshot. */
async function execIn(api: ClusterApi, namespace: string, pod: string, container: string | undefined, argv: string[], now: () => Date): Promise<ExecResult> {
  const query = new URLSearchParams();
  for (const word of argv) query.append("command", word);
  if (container) query.set("container", container);
  query.set("stdout", "true");
  query.set("stderr", "true");
  const response = await api.serve(
    request({ user: platformUser, method: "POST", path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec`, query, accept: "*/*", upgraded: true }),
  );
  if (response.kind !== "json") throw new Error("unable to upgrade connection");
  if (response.status >= 400) {
    const message = (response.body as { message?: string } | undefined)?.message;
    throw new Error(message ?? `exec into pod ${pod} failed (${response.status})`);
  }
  const snapshot = response.body as ExecSnapshot;
  const view = containerView(snapshotSource(snapshot.objects), snapshot.pod, snapshot.container, snapshot.run, undefined, snapshot.volumes);
  if (!view) return { stdout: "", exitCode: 1 };
  const result = execArgv(snapshotSource(snapshot.objects), view, snapshot.command, () => now().getTime());
  return { stdout: result.stdout, exitCode: result.exitCode };
}

function snapshotSource(objects: ExecSnapshot["objects"]): ViewSource {
  const of = (plural: string) => objects[plural] ?? [];
  return {
    get: (resource, ns, name) => of(resource.plural).find((o) => (o.metadata.namespace ?? "") === ns && o.metadata.name === name),
    list: (resource, ns) => of(resource.plural).filter((o) => ns === undefined || o.metadata.namespace === ns),
  };
}

/**
 * "Can this subject do that here?": a SelfSubjectAccessReview the platform asks while impersonating the subject,
 * which is what a SubjectAccessReview answers, through the same authorizer every request meets.
 */
async function canI(api: ClusterApi, namespace: string, subject: LabSubject, attributes: AccessAttributes): Promise<boolean> {
  const impersonate =
    "serviceAccount" in subject
      ? { user: `system:serviceaccount:${namespace}:${subject.serviceAccount}`, groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"], extra: {} }
      : { user: subject.user, groups: [...(subject.groups ?? []), "system:authenticated"], extra: {} };
  const spec = { resourceAttributes: { namespace, verb: attributes.verb, group: attributes.apiGroup ?? "", resource: attributes.resource, subresource: attributes.subresource ?? "", name: attributes.name ?? "" } };
  const body = new TextEncoder().encode(JSON.stringify({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec }));
  const response = await api.serve(request({ user: platformUser, method: "POST", path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body, impersonate }));
  if (response.kind !== "json" || response.status >= 400) throw new Error((response.kind === "json" && (response.body as { message?: string }).message) || "the access review failed");
  return (response.body as { status?: { allowed?: boolean } }).status?.allowed === true;
}
