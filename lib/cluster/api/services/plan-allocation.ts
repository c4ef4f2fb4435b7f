import type { ApiContext } from "../rest/api-context";
import { ApiError, type StatusCause } from "../status";
import { isLive, listReservations, release, reserve, type AllocationKind, type Owner, type Reservation } from "./allocation-records";
import {
  allocatableIP,
  allocatableNodePort,
  clusterIPBands,
  inServiceCIDR,
  ipv4ToNumber,
  nodePortBands,
  nodePortRangeText,
  numberToIPv4,
  pickFree,
} from "./service-ranges";
import { allocatesNodePorts, heldValues, isHeadless, needsClusterIP, needsHealthCheckNodePort, needsNodePort, readServiceSpec, type ServiceSpec } from "./service-spec";
import { invalidIPs } from "./validate-service";

/** What a Service create or update needs that its previous version did not hold, asked for by value or not. */
type Request =
  | { kind: "ip"; wanted?: string }
  | { kind: "nodePort"; wanted?: number; field: string; assign: (spec: ServiceSpec, port: number) => void };

function requests(spec: ServiceSpec, old: ServiceSpec | undefined): Request[] {
  const out: Request[] = [];
  const oldHeld = old ? heldValues(old) : { ips: [], nodePorts: [] };
  if (needsClusterIP(spec) && !isHeadless(spec)) {
    const wanted = spec.clusterIPs?.[0] ?? "";
    if (wanted === "") out.push({ kind: "ip" });
    else if (!oldHeld.ips.includes(wanted)) out.push({ kind: "ip", wanted });
  }
  if (needsNodePort(spec) && spec.ports) {
    // Ports that share a port number (TCP and UDP 53) share a node port, as Kubernetes allocates them.
    const explicitFor = new Map<number, number>();
    for (const port of spec.ports) if (port.nodePort && !explicitFor.has(port.port ?? 0)) explicitFor.set(port.port ?? 0, port.nodePort);
    const autoGroups = new Map<number, number[]>();
    const requested = new Set<number>();
    spec.ports = spec.ports.map((port, i) => {
      if (port.nodePort) {
        if (!oldHeld.nodePorts.includes(port.nodePort) && !requested.has(port.nodePort)) out.push(portRequest(port.nodePort, [i]));
        requested.add(port.nodePort);
        return port;
      }
      if (!allocatesNodePorts(spec)) return port;
      const shared = explicitFor.get(port.port ?? 0);
      if (shared !== undefined) return { ...port, nodePort: shared };
      autoGroups.set(port.port ?? 0, [...(autoGroups.get(port.port ?? 0) ?? []), i]);
      return port;
    });
    for (const indexes of autoGroups.values()) out.push(portRequest(undefined, indexes));
  }
  if (needsHealthCheckNodePort(spec) && !(spec.healthCheckNodePort && oldHeld.nodePorts.includes(spec.healthCheckNodePort))) {
    out.push({ kind: "nodePort", wanted: spec.healthCheckNodePort || undefined, field: "spec.healthCheckNodePort", assign: (s, n) => (s.healthCheckNodePort = n) });
  }
  return out;
}

function portRequest(wanted: number | undefined, indexes: number[]): Request {
  return {
    kind: "nodePort",
    ...(wanted !== undefined ? { wanted } : {}),
    field: `spec.ports[${indexes[0] ?? 0}].nodePort`,
    assign: (spec, n) => {
      spec.ports = spec.ports?.map((port, i) => (indexes.includes(i) ? { ...port, nodePort: n } : port));
    },
  };
}

/** Who holds what now: live records of other Services, and values other stored Services hold (older data). */
async function takenValues(ctx: ApiContext, uid: string): Promise<Record<AllocationKind, Set<string>>> {
  const { items } = await ctx.store.list({ cluster: ctx.cluster, group: "", resource: "services" });
  const services = new Map(items.map((s) => [`${s.metadata.namespace ?? ""}/${s.metadata.name ?? ""}`, s]));
  const taken = { ip: new Set<string>(), nodePort: new Set<string>() };
  const add = (kind: AllocationKind, records: Reservation[]) => {
    for (const r of records) {
      if (r.owner.uid !== uid && isLive(ctx, r, kind, services.get(`${r.owner.namespace}/${r.owner.name}`))) taken[kind].add(r.value);
    }
  };
  add("ip", await listReservations(ctx, "ip"));
  add("nodePort", await listReservations(ctx, "nodePort"));
  for (const service of items) {
    if (service.metadata.uid === uid) continue;
    const held = heldValues(readServiceSpec(service.spec));
    for (const ip of held.ips) taken.ip.add(ip);
    for (const port of held.nodePorts) taken.nodePort.add(String(port));
  }
  return taken;
}

const invalidPort = (field: string, port: number, detail: string): StatusCause => ({
  reason: "FieldValueInvalid",
  field,
  message: `Invalid value: ${port}: ${detail}`,
});

/** Kubernetes answers a full range with an internal error; it is the cluster's limit, not the request's fault. */
const rangeFull = (what: string) =>
  new ApiError(500, "InternalError", `Internal error occurred: failed to allocate a ${what}: range is full`, {
    causes: [{ message: `failed to allocate a ${what}: range is full` }],
  });

/** A value this write chose (rather than was given) and has already reserved. */
export type ChosenValue = { kind: AllocationKind; value: string };

/** Tries per value before giving up on a range other writers keep taking from under us. */
const maxChoices = 20;

/**
 * Fills in the cluster IP and node ports `spec` lacks and checks the ones it asks for, as kube-apiserver does
 * before storing a Service. Values it chooses are reserved at once for `owner` (unless a dry run), choosing
 * again if another writer got there first; values the user named are only checked here (refusals come back
 * as causes) and reserved by the caller once every other admission plugin has let the write through.
 */
export async function planAllocation(
  ctx: ApiContext,
  owner: Owner,
  spec: ServiceSpec,
  old: ServiceSpec | undefined,
  dryRun: boolean,
): Promise<{ causes: StatusCause[]; chosen: ChosenValue[] }> {
  const causes: StatusCause[] = [];
  const chosen: ChosenValue[] = [];
  const wanted = requests(spec, old);
  if (wanted.length === 0) return { causes, chosen };
  const taken = await takenValues(ctx, owner.uid);
  // Node ports this Service already names (kept or asked for), so a port it is given is never one of them.
  const own = new Set([...(spec.ports ?? []).map((p) => p.nodePort), spec.healthCheckNodePort].filter((n) => !!n).map(String));
  const choose = async (kind: AllocationKind, pick: () => string | undefined, what: string): Promise<string> => {
    for (let i = 0; i < maxChoices; i++) {
      const value = pick();
      if (value === undefined) break;
      taken[kind].add(value);
      if (dryRun || (await reserve(ctx, kind, value, owner))) {
        if (!dryRun) chosen.push({ kind, value });
        return value;
      }
    }
    throw rangeFull(what);
  };
  try {
    for (const request of wanted) {
      if (request.kind === "ip") {
        if (request.wanted === undefined) {
          const ip = await choose("ip", () => maybe(pickFree(clusterIPBands, `${owner.uid}/ip`, (n) => taken.ip.has(numberToIPv4(n))), numberToIPv4), "serviceIP");
          spec.clusterIP = ip;
          spec.clusterIPs = [ip];
          continue;
        }
        const ip = request.wanted;
        const refuse = (detail: string) => invalidIPs("spec.clusterIPs", spec.clusterIPs ?? [ip], `failed to allocate IP ${ip}: ${detail}`);
        const n = ipv4ToNumber(ip) ?? -1;
        if (!inServiceCIDR(n)) causes.push(refuse("the provided network does not match the current range"));
        else if (!allocatableIP(n)) causes.push(refuse(`provided IP ${ip} is not in the valid range`));
        else if (taken.ip.has(ip)) causes.push(refuse("provided IP is already allocated"));
        continue;
      }
      if (request.wanted === undefined) {
        const seed = `${owner.uid}/${request.field}`;
        const port = await choose("nodePort", () => maybe(pickFree(nodePortBands, seed, (n) => taken.nodePort.has(String(n)) || own.has(String(n))), String), "nodePort");
        request.assign(spec, Number(port));
        continue;
      }
      const port = request.wanted;
      if (!allocatableNodePort(port)) {
        causes.push(invalidPort(request.field, port, `provided port is not in the valid range. The range of valid ports is ${nodePortRangeText}`));
      } else if (taken.nodePort.has(String(port))) {
        causes.push(invalidPort(request.field, port, "provided port is already allocated"));
      }
    }
  } catch (error) {
    await releaseAll(ctx, owner, chosen);
    throw error;
  }
  return { causes, chosen };
}

const maybe = <T, U>(value: T | undefined, f: (v: T) => U): U | undefined => (value === undefined ? undefined : f(value));

export async function releaseAll(ctx: ApiContext, owner: Owner, values: ChosenValue[]): Promise<void> {
  for (const value of values) await release(ctx, value.kind, value.value, owner.uid);
}
