import { parseQuantity, quantityMilliValue, quantityValue } from "../../cluster/api/quantity";
import { fnv32aText } from "../../cluster/hash/fnv32a";

// Simulated metrics (the classroom cluster runs no metrics-server, and nothing really consumes CPU): each running
// container's usage is derived from its identity and its requests, so the numbers are stable between calls and
// plausible. A container with a CPU request uses 10–60 % of it, without one 1–10m; with a memory request it uses
// 20–70 % of it, without one 2–40Mi (nginx-like images a little more). A node adds its pods' usage to a system
// overhead of 60–160m and 400–700Mi.

type Container = { name: string; image?: string; resources?: { requests?: Record<string, string> } };
export type Usage = { cpuMilli: number; memoryBytes: number };

const MI = 1024 * 1024;
const fraction = (seed: string, low: number, high: number) => low + ((fnv32aText(seed) % 1000) / 1000) * (high - low);

function quantityOf(text: string | undefined, milli: boolean): number | undefined {
  if (text === undefined) return undefined;
  try {
    const q = parseQuantity(text);
    return Number(milli ? quantityMilliValue(q) : quantityValue(q));
  } catch {
    return undefined;
  }
}

export function containerUsage(podUid: string, container: Container): Usage {
  const seed = `${podUid}/${container.name}`;
  const cpuRequest = quantityOf(container.resources?.requests?.cpu, true);
  const memoryRequest = quantityOf(container.resources?.requests?.memory, false);
  const cpuMilli = Math.max(1, Math.round(cpuRequest ? cpuRequest * fraction(`${seed}/cpu`, 0.1, 0.6) : fraction(`${seed}/cpu`, 1, 10)));
  const base = (container.image ?? "").includes("nginx") ? 4 : 2;
  const memoryBytes = Math.round(memoryRequest ? memoryRequest * fraction(`${seed}/mem`, 0.2, 0.7) : fraction(`${seed}/mem`, base, 40) * MI);
  return { cpuMilli, memoryBytes };
}

export function nodeOverhead(nodeName: string): Usage {
  return { cpuMilli: Math.round(fraction(`${nodeName}/cpu`, 60, 160)), memoryBytes: Math.round(fraction(`${nodeName}/mem`, 400, 700) * MI) };
}

/** How kubectl top prints usage: `12m`, `34Mi`. */
export const cpuText = (u: Usage) => `${u.cpuMilli}m`;
export const memoryText = (u: Usage) => `${Math.floor(u.memoryBytes / MI)}Mi`;
