import { parseQuantity, quantityMilliValue, quantityValue } from "../../api/quantity";
import type { KubeObject } from "../../store/object-store";

/** What a pod asks of a node, in the units the scheduler compares: milli-CPU, bytes, pod slots. */
export type Requests = { milliCpu: bigint; memory: bigint; pods: number };

type Container = { resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> } };

function amount(resources: Container["resources"], name: "cpu" | "memory"): bigint {
  // A container with only a limit gets a request equal to it (Kubernetes' defaulting).
  const raw = resources?.requests?.[name] ?? resources?.limits?.[name];
  if (raw === undefined) return 0n;
  try {
    const q = parseQuantity(raw);
    return name === "cpu" ? quantityMilliValue(q) : quantityValue(q);
  } catch {
    return 0n;
  }
}

/**
 * The effective request of a pod, as the scheduler computes it: the sum over app containers, or the largest
 * single init container if that is more (init containers run one at a time), plus pod overhead.
 */
export function podRequests(pod: KubeObject): Requests {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[]; overhead?: Record<string, string> };
  let milliCpu = 0n;
  let memory = 0n;
  for (const c of spec.containers ?? []) {
    milliCpu += amount(c.resources, "cpu");
    memory += amount(c.resources, "memory");
  }
  for (const c of spec.initContainers ?? []) {
    const cpu = amount(c.resources, "cpu");
    const mem = amount(c.resources, "memory");
    if (cpu > milliCpu) milliCpu = cpu;
    if (mem > memory) memory = mem;
  }
  if (spec.overhead) {
    milliCpu += amount({ requests: spec.overhead }, "cpu");
    memory += amount({ requests: spec.overhead }, "memory");
  }
  return { milliCpu, memory, pods: 1 };
}

/** A node's allocatable resources in the same units. */
export function allocatable(node: KubeObject): Requests {
  const raw = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {});
  const parse = (value: string | undefined, milli: boolean): bigint => {
    if (value === undefined) return 0n;
    try {
      const q = parseQuantity(value);
      return milli ? quantityMilliValue(q) : quantityValue(q);
    } catch {
      return 0n;
    }
  };
  return { milliCpu: parse(raw.cpu, true), memory: parse(raw.memory, false), pods: Number(parse(raw.pods, false)) };
}

export function addRequests(a: Requests, b: Requests): Requests {
  return { milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory, pods: a.pods + b.pods };
}

export const noRequests: Requests = { milliCpu: 0n, memory: 0n, pods: 0 };
