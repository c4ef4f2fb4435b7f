import type { KubeObject } from "../../store/object-store";
import { ApiError, badRequest, conflict } from "../status";
import type { ApiContext } from "./api-context";
import { getObject } from "./get-object";
import type { Target } from "./target";
import { writeUpdate } from "./update-object";

/**
 * POST pods/{name}/binding: how a scheduler assigns a pod to a node. Only an unassigned pod can be bound, as
 * in Kubernetes; the node is written to spec.nodeName.
 */
export async function bindPod(ctx: ApiContext, target: Target, binding: unknown, dryRun: boolean): Promise<KubeObject> {
  const nodeName = (binding as { target?: { name?: unknown } } | null)?.target?.name;
  if (typeof nodeName !== "string" || nodeName === "") throw badRequest("a Binding must name a target node (target.name)");
  return writeUpdate(
    ctx,
    { ...target, subresource: "" },
    (pod) => {
      const spec = (pod.spec ?? {}) as { nodeName?: string };
      if (spec.nodeName) {
        throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on pods/binding "${target.name}": pod ${target.name} is already assigned to node "${spec.nodeName}"`, {
          name: target.name,
          kind: "pods/binding",
        });
      }
      if (pod.metadata.deletionTimestamp) throw conflict({ group: "", resource: "pods/binding", name: target.name });
      return { ...pod, spec: { ...spec, nodeName } };
    },
    { dryRun },
  );
}

/**
 * GET pods/{name}/log. Logs come from the simulated containers once they run; until a pod's container has
 * started, the answer is Kubernetes' own 400.
 */
export async function podLog(ctx: ApiContext, target: Target, container: string | null): Promise<string> {
  const pod = await getObject(ctx, { ...target, subresource: "" });
  const containers = ((pod.spec as { containers?: { name?: string }[] } | undefined)?.containers ?? []).map((c) => c.name ?? "");
  const name = container ?? containers[0] ?? "";
  if (container !== null && !containers.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${target.name}`);
  }
  if (container === null && containers.length > 1) {
    throw badRequest(`a container name must be specified for pod ${target.name}, choose one of: [${containers.join(" ")}]`);
  }
  const statuses = ((pod.status as { containerStatuses?: { name: string; state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses) ?? [];
  const status = statuses.find((s) => s.name === name);
  if (!status || status.state?.waiting) {
    throw badRequest(`container "${name}" in pod "${target.name}" is waiting to start: ${status?.state?.waiting?.reason ?? "ContainerCreating"}`);
  }
  return "";
}
