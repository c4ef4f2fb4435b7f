import type { CommandContext } from "../command";
import type { KubeObject } from "../client/kube-client";
import { CommandError } from "../errors";
import { resolveArgs } from "../resources/resolve-resource";
import { resourcePath } from "../resources/api-resource";
import { selectorString } from "../describe/workloads";

type Pod = KubeObject & { spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] }; status?: Record<string, unknown> };

/** The sleep used while polling (`logs -f`, `wait`): resolves early when the program is interrupted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}

const ready = (pod: Pod) => ((pod.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === "Ready" && c.status === "True");
const rank = (pod: Pod) => (pod.status?.phase === "Running" ? (ready(pod) ? 0 : 1) : pod.status?.phase === "Pending" ? 2 : 3);

const created = (pod: Pod) => (typeof pod.metadata?.creationTimestamp === "string" ? pod.metadata.creationTimestamp : "");
// When the pod became Ready ("" when it is not): ready longer sorts first, no time sorts last.
const readySince = (pod: Pod) =>
  ((pod.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).find((c) => c.type === "Ready" && c.status === "True")?.lastTransitionTime ?? "";
const byTime = (a: string, b: string) => (a === b ? 0 : a === "" ? 1 : b === "" ? -1 : a.localeCompare(b));
const restarts = (pod: Pod) =>
  ((pod.status?.containerStatuses ?? []) as { restartCount?: number }[]).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);

/**
 * kubectl's choice of one pod for a controller (its ByLogging order): running and ready first, then ready for
 * longer, then more restarts, then the oldest; a full tie keeps the list's (name) order.
 */
function firstPod(pods: Pod[]): Pod | undefined {
  return [...pods].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      byTime(readySince(a), readySince(b)) ||
      restarts(b) - restarts(a) ||
      byTime(created(a), created(b)) ||
      String(a.metadata?.name).localeCompare(String(b.metadata?.name)),
  )[0];
}

/**
 * The pod(s) a `logs`/`exec` argument names: `POD`, `pod/POD`, or a controller (`deploy/web`, `job/x`, `svc/y`),
 * for which kubectl picks one pod and says so on stderr when there are several.
 */
export async function podsForArgument(ctx: CommandContext, argument: string, missing: (name: string, error: unknown) => Error): Promise<Pod> {
  const [request] = await resolveArgs(ctx.discovery, [argument.includes("/") ? argument : `pods/${argument}`]);
  const name = request?.names[0] ?? argument;
  if (!request) throw new CommandError(`expected a resource`);
  let object: KubeObject;
  try {
    object = await ctx.client.get(resourcePath(request.resource, ctx.namespace, name));
  } catch (error) {
    throw missing(name, error);
  }
  if (request.resource.kind === "Pod" && request.resource.group === "") return object;
  const spec = (object.spec ?? {}) as { selector?: unknown };
  const selector = request.resource.kind === "Service" ? Object.entries((spec.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(",") : selectorString(spec.selector);
  if (selector === "") throw new CommandError(`cannot attach to ${request.resource.kind}: selector is empty`);
  const pods = (await ctx.client.list(`/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/pods`, { labelSelector: selector })).items as Pod[];
  const pod = firstPod(pods);
  if (!pod) throw new CommandError(`timed out waiting for the condition`);
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${pod.metadata?.name ?? ""}\n`);
  return pod;
}

/** The container kubectl uses when none is named: the default-container annotation, else the first (said on stderr). */
export function defaultContainer(ctx: CommandContext, pod: Pod): string {
  const containers = pod.spec?.containers ?? [];
  const annotated = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  if (annotated && containers.some((c) => c.name === annotated)) return annotated;
  const first = containers[0]?.name ?? "";
  const all = [...containers.map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)];
  if (all.length > 1) ctx.err(`Defaulted container "${first}" out of: ${all.join(", ")}\n`);
  return first;
}
