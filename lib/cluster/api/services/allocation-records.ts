import { AlreadyExistsError, ConflictError, NotFoundError } from "../../store/errors";
import type { KubeObject, ObjectKey } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import { timestamp } from "../rest/object-lifecycle";
import { heldValues, readServiceSpec } from "./service-spec";

// One small stored object per allocated cluster IP and node port: its key is the value, so the store's
// create-if-absent (AlreadyExists) is what makes a value belong to one Service, whichever API server process
// asks. Cluster IPs are recorded as Kubernetes' own networking.k8s.io/v1 IPAddress objects (what its
// MultiCIDRServiceAllocator writes, named by the address, with a parentRef to the Service); node ports, which
// Kubernetes keeps in a bitmap, get a record of the same shape in an internal group no route serves.
//
// A record can outlive its purpose: the Service write it was made for failed after reserving, or a process
// died in between. Such a record is reclaimed by the next writer that wants the value, with a compare-and-swap
// delete, but only once it has been left alone for longer than any write can take (reservedGraceMs): a
// younger one may belong to a write still on its way to the store.

export type AllocationKind = "ip" | "nodePort";

export type Owner = { namespace: string; name: string; uid: string };

/** Longer than any Service write takes between reserving its values and storing itself. */
export const reservedGraceMs = 60_000;

const ownerUidAnnotation = "kubeclass.io/service-uid";
const reservedAtAnnotation = "kubeclass.io/reserved-at";

const where: Record<AllocationKind, { group: string; resource: string; apiVersion: string; kind: string }> = {
  ip: { group: "networking.k8s.io", resource: "ipaddresses", apiVersion: "networking.k8s.io/v1", kind: "IPAddress" },
  nodePort: { group: "internal.kubeclass.io", resource: "nodeportallocations", apiVersion: "internal.kubeclass.io/v1", kind: "NodePortAllocation" },
};

export type Reservation = { value: string; owner: Owner; reservedAt: number; object: KubeObject };

function recordKey(ctx: ApiContext, kind: AllocationKind, value: string): ObjectKey {
  return { cluster: ctx.cluster, group: where[kind].group, resource: where[kind].resource, namespace: "", name: value };
}

function recordFor(ctx: ApiContext, kind: AllocationKind, value: string, owner: Owner): KubeObject {
  const now = timestamp(ctx.clock.now());
  const labels: Record<string, string> =
    kind === "ip" ? { "ipaddress.kubernetes.io/ip-family": "IPv4", "ipaddress.kubernetes.io/managed-by": "ipallocator.k8s.io" } : {};
  return {
    apiVersion: where[kind].apiVersion,
    kind: where[kind].kind,
    metadata: {
      name: value,
      uid: ctx.newUid(),
      creationTimestamp: now,
      labels,
      annotations: { [ownerUidAnnotation]: owner.uid, [reservedAtAnnotation]: ctx.clock.now().toISOString() },
    },
    spec: { parentRef: { group: "", resource: "services", namespace: owner.namespace, name: owner.name } },
  };
}

function readRecord(object: KubeObject): Reservation {
  const spec = (object.spec ?? {}) as { parentRef?: { namespace?: string; name?: string } };
  const annotations = (object.metadata.annotations ?? {}) as Record<string, string>;
  return {
    value: object.metadata.name ?? "",
    owner: { namespace: spec.parentRef?.namespace ?? "", name: spec.parentRef?.name ?? "", uid: annotations[ownerUidAnnotation] ?? "" },
    reservedAt: Date.parse(annotations[reservedAtAnnotation] ?? "") || 0,
    object,
  };
}

export async function listReservations(ctx: ApiContext, kind: AllocationKind): Promise<Reservation[]> {
  const { items } = await ctx.store.list({ cluster: ctx.cluster, group: where[kind].group, resource: where[kind].resource });
  return items.map(readRecord);
}

/** Whether the stored Service a record names exists, is the same object, and holds the value. */
export function ownerHolds(reservation: Reservation, kind: AllocationKind, service: KubeObject | undefined): boolean {
  if (!service || service.metadata.uid !== reservation.owner.uid) return false;
  const held = heldValues(readServiceSpec(service.spec));
  return kind === "ip" ? held.ips.includes(reservation.value) : held.nodePorts.map(String).includes(reservation.value);
}

/** In use: its owner holds it, or it is too young to tell (its owner's write may still be coming). */
export function isLive(ctx: ApiContext, reservation: Reservation, kind: AllocationKind, service: KubeObject | undefined): boolean {
  return ownerHolds(reservation, kind, service) || ctx.clock.now().getTime() - reservation.reservedAt < reservedGraceMs;
}

function serviceKey(ctx: ApiContext, owner: Owner): ObjectKey {
  return { cluster: ctx.cluster, group: "", resource: "services", namespace: owner.namespace, name: owner.name };
}

/**
 * Makes `value` this owner's: creates its record, renews the owner's own (a retried write), or takes over a
 * stale one. False if another Service holds it (or may be about to).
 */
export async function reserve(ctx: ApiContext, kind: AllocationKind, value: string, owner: Owner): Promise<boolean> {
  const key = recordKey(ctx, kind, value);
  for (let round = 0; round < 5; round++) {
    try {
      await ctx.store.create(key, recordFor(ctx, kind, value, owner));
      return true;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
    const existing = await ctx.store.get(key);
    if (!existing) continue;
    const reservation = readRecord(existing);
    try {
      if (reservation.owner.uid === owner.uid) {
        // Renewing moves the record's revision, so a reclaimer that read it before cannot delete it now.
        const renewed = recordFor(ctx, kind, value, owner);
        await ctx.store.update(key, { ...renewed, metadata: { ...renewed.metadata, uid: existing.metadata.uid, creationTimestamp: existing.metadata.creationTimestamp } }, existing.metadata.resourceVersion);
        return true;
      }
      if (isLive(ctx, reservation, kind, await ctx.store.get(serviceKey(ctx, reservation.owner)))) return false;
      await ctx.store.delete(key, existing.metadata.resourceVersion);
    } catch (error) {
      if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
    }
  }
  return false;
}

/** Gives a value back, if the record is still this owner's. */
export async function release(ctx: ApiContext, kind: AllocationKind, value: string, ownerUid: string): Promise<void> {
  const key = recordKey(ctx, kind, value);
  const existing = await ctx.store.get(key);
  if (!existing || readRecord(existing).owner.uid !== ownerUid) return;
  try {
    await ctx.store.delete(key, existing.metadata.resourceVersion);
  } catch (error) {
    if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
  }
}
