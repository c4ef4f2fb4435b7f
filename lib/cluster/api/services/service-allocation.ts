import type { KubeObject } from "../../store/object-store";
import type { AdmissionAttempt, AdmissionPlugin, CommittedWrite } from "../admission";
import type { ApiContext } from "../rest/api-context";
import { storeKey, type Target } from "../rest/target";
import { invalid, type StatusCause } from "../status";
import { reserve, type AllocationKind, type Owner } from "./allocation-records";
import { planAllocation, releaseAll, type ChosenValue } from "./plan-allocation";
import {
  dropTypeDependentFields,
  heldValues,
  initIPFamilyFields,
  normalizeClusterIPs,
  patchAllocatedValues,
  readServiceSpec,
  type ServiceSpec,
} from "./service-spec";
import { invalidIPs, validateIPFamilies, validateService } from "./validate-service";

// Cluster IPs and node ports, allocated as kube-apiserver's Service storage does on create and update, and
// released once a write that gives them up is stored. Two phases, placed last in the admission chain:
//  - mutate fills in what the Service lacks, choosing free values (from the records and the stored Services)
//    and reserving each as it is chosen, so a value another writer took meanwhile is simply swapped; values a
//    user asked for that are out of range or taken are refused in Kubernetes' words (and if a plugin after
//    this one refuses the write, `abandoned` gives the chosen values back);
//  - validate reserves the values the user named, after every other plugin has let the write through (as
//    Kubernetes allocates after admission), so a refused write never holds a value someone asked for.
// Reserving is creating the value's allocation record; a record whose write never got stored (refused late,
// failed, or its process died) is reclaimed later (see allocation-records.ts).

const isServiceWrite = (target: Target) => target.type.group === "" && target.type.plural === "services" && target.subresource === "";

const specOf = (object: KubeObject | undefined) => readServiceSpec(object?.spec);

type Value = { kind: AllocationKind; value: string };

/** Values `after` holds that `before` did not: what a write must reserve. */
function newlyHeld(after: ServiceSpec, before: ServiceSpec | undefined): Value[] {
  const now = heldValues(after);
  const then = before ? heldValues(before) : { ips: [], nodePorts: [] };
  return [
    ...now.ips.filter((ip) => !then.ips.includes(ip)).map((value) => ({ kind: "ip" as const, value })),
    ...now.nodePorts.filter((port) => !then.nodePorts.includes(port)).map((port) => ({ kind: "nodePort" as const, value: String(port) })),
  ];
}

/** The 422 cause for a value someone else took between choosing and reserving it. */
function takenCause(spec: ServiceSpec, { kind, value }: Value): StatusCause {
  if (kind === "ip") return invalidIPs("spec.clusterIPs", spec.clusterIPs ?? [value], `failed to allocate IP ${value}: provided IP is already allocated`);
  const index = (spec.ports ?? []).findIndex((p) => String(p.nodePort) === value);
  const field = index >= 0 ? `spec.ports[${index}].nodePort` : "spec.healthCheckNodePort";
  return { reason: "FieldValueInvalid", field, message: `Invalid value: ${value}: provided port is already allocated` };
}

export function serviceAllocationAdmission(ctx: ApiContext): AdmissionPlugin {
  // Values chosen (and already reserved) in the mutating phase, per object handed on to validation.
  const chosenFor = new WeakMap<KubeObject, ChosenValue[]>();

  async function mutate(attempt: AdmissionAttempt): Promise<KubeObject> {
    const { object, target } = attempt;
    if (!isServiceWrite(target)) return object;
    const name = object.metadata.name ?? target.name;
    const refuseIf = (causes: StatusCause[]) => {
      if (causes.length > 0) throw invalid("Service", "", name, causes);
    };
    const spec = structuredClone(specOf(object));
    const old = attempt.operation === "update" && attempt.oldObject ? specOf(attempt.oldObject) : undefined;
    let status = (object.status ?? {}) as Record<string, unknown>;
    if (old) {
      // The load balancer's address goes with the type (the controller no longer manages it).
      if (dropTypeDependentFields(spec, old).clearLoadBalancerStatus) status = { ...status, loadBalancer: {} };
      patchAllocatedValues(spec, old);
    }
    normalizeClusterIPs(spec, old);
    if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
    refuseIf(validateService(spec, old));
    initIPFamilyFields(spec, old);
    refuseIf(validateIPFamilies(spec));
    const owner: Owner = { namespace: target.namespace, name, uid: object.metadata.uid ?? "" };
    const { causes, chosen } = await planAllocation(ctx, owner, spec, old, attempt.dryRun);
    if (causes.length > 0) await releaseAll(ctx, owner, chosen);
    refuseIf(causes);
    const result: KubeObject = { ...object, spec, status: { loadBalancer: {}, ...status } };
    chosenFor.set(result, chosen);
    return result;
  }

  /**
   * Reserves the values the user named, now that every other plugin has let the write through. (Values chosen
   * here were reserved when chosen, so a taken one could be swapped for another.)
   */
  async function validate(attempt: AdmissionAttempt): Promise<void> {
    const { object, target } = attempt;
    if (!isServiceWrite(target) || attempt.dryRun) return;
    const spec = specOf(object);
    const name = object.metadata.name ?? target.name;
    const owner: Owner = { namespace: target.namespace, name, uid: object.metadata.uid ?? "" };
    const chosen = chosenFor.get(object) ?? [];
    // A create of a name that is taken fails in the store: what it holds would be held for nothing.
    if (attempt.operation === "create" && (await ctx.store.get(storeKey(ctx, target, name)))) {
      await releaseAll(ctx, owner, chosen);
      return;
    }
    const wanted = newlyHeld(spec, attempt.operation === "update" ? specOf(attempt.oldObject) : undefined).filter(
      (v) => !chosen.some((c) => c.kind === v.kind && c.value === v.value),
    );
    const reserved: ChosenValue[] = [];
    for (const value of wanted) {
      if (await reserve(ctx, value.kind, value.value, owner)) {
        reserved.push(value);
        continue;
      }
      await releaseAll(ctx, owner, [...chosen, ...reserved]);
      throw invalid("Service", "", name, [takenCause(spec, value)]);
    }
  }

  async function committed({ target, oldObject, object }: CommittedWrite): Promise<void> {
    if (target.type.group !== "" || target.type.plural !== "services") return;
    const owner = { namespace: oldObject.metadata.namespace ?? "", name: oldObject.metadata.name ?? "", uid: oldObject.metadata.uid ?? "" };
    await releaseAll(ctx, owner, newlyHeld(specOf(oldObject), object ? specOf(object) : {}));
  }

  // Refused by a plugin after this one's mutate (ResourceQuota): give back what was chosen for it.
  async function abandoned({ object, target }: AdmissionAttempt): Promise<void> {
    const chosen = chosenFor.get(object);
    if (!chosen || !isServiceWrite(target)) return;
    await releaseAll(ctx, { namespace: target.namespace, name: object.metadata.name ?? "", uid: object.metadata.uid ?? "" }, chosen);
  }

  return { name: "ServiceAllocation", mutate, validate, committed, abandoned };
}
