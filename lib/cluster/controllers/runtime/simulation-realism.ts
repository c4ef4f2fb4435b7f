import type { KubeObject } from "../../store/object-store";
import type { SimulationConfig } from "./simulation-config";

/**
 * Realism chosen while the cluster runs: the platform writes `data.realism` of this ConfigMap and every controller
 * pass reads it through the informers, so an instructor can slow the cluster down to make a rollout visible, or
 * make it instant, without restarting the worker.
 */
export const REALISM_CONFIGMAP = { namespace: "kube-system", name: "kubeclass-simulation" } as const;

export const realismLevels = ["instant", "realistic", "slow"] as const;
export type RealismLevel = (typeof realismLevels)[number];

type Delays = Pick<SimulationConfig, "imagePullMs" | "containerStartMs" | "loadBalancerMs">;

/**
 * Only the delays a learner watches change. Heartbeats, eviction and resync stay as the worker started: changing
 * them under running nodes would make them flap, and they are already what a real cluster does.
 */
export const realismDelays: Record<RealismLevel, Delays> = {
  instant: { imagePullMs: 0, containerStartMs: 0, loadBalancerMs: 0 },
  realistic: { imagePullMs: 1_500, containerStartMs: 500, loadBalancerMs: 2_000 },
  // Slow enough to watch `kubectl get pods -w` step through Pending, ContainerCreating and Running.
  slow: { imagePullMs: 8_000, containerStartMs: 4_000, loadBalancerMs: 10_000 },
};

export const isRealismLevel = (value: unknown): value is RealismLevel => typeof value === "string" && (realismLevels as readonly string[]).includes(value);

/** The level the ConfigMap names, or undefined when there is none (or it names none we know). */
export function realismOf(configMap: KubeObject | undefined): RealismLevel | undefined {
  const level = (configMap?.data as Record<string, string> | undefined)?.realism;
  return isRealismLevel(level) ? level : undefined;
}

/** The worker's configuration with the ConfigMap's level applied over it. */
export function simulationWith(base: SimulationConfig, configMap: KubeObject | undefined): SimulationConfig {
  const level = realismOf(configMap);
  return level ? { ...base, ...realismDelays[level] } : base;
}
