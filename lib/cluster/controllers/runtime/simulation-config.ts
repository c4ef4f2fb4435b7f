/**
 * The simulation's realism settings. Each delay is what a real cluster would take; tests and fast labs set them
 * to zero. Per cluster, so an instructor can slow a class's cluster down to make a rollout visible.
 */
export type SimulationConfig = {
  /** Pulling an image not yet on the node. */
  imagePullMs: number;
  /** From image present to the container running. */
  containerStartMs: number;
  /** How long a LoadBalancer Service waits for its external IP. */
  loadBalancerMs: number;
  /** How often a node renews its Lease; a node silent for 4 periods (40 s by default) becomes NotReady. */
  nodeHeartbeatMs: number;
  /** How long pods stay on a NotReady node before they are evicted (Kubernetes: 300 s toleration). */
  podEvictionMs: number;
  /** Full resync of every controller's keys. */
  resyncMs: number;
};

export const realisticSimulation: SimulationConfig = {
  imagePullMs: 1_500,
  containerStartMs: 500,
  loadBalancerMs: 2_000,
  nodeHeartbeatMs: 10_000,
  podEvictionMs: 300_000,
  resyncMs: 300_000,
};

/** Everything as fast as it can go: for tests and benchmarks. */
export const instantSimulation: SimulationConfig = {
  imagePullMs: 0,
  containerStartMs: 0,
  loadBalancerMs: 0,
  nodeHeartbeatMs: 10_000,
  podEvictionMs: 300_000,
  resyncMs: 300_000,
};
