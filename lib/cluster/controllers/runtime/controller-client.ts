import { InProcessClient } from "../../api/in-process-client";
import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import { apiVersionOf, resourceName, type ResourceId } from "./resource-id";

/** The newest resourceVersion this pass wrote, per resource: what the next pass must see in its cache first. */
export type WrittenRevisions = Record<string, string>;

/**
 * Writes through the API as the controller's own identity (RBAC, admission and audit apply), remembering the
 * revision of every write so the runner can make the next pass wait until the cache has caught up with them —
 * what client-go's "expectations" achieve, expressed with the store's global revisions.
 */
export class ControllerClient {
  readonly written: WrittenRevisions = {};

  constructor(private readonly api: InProcessClient) {}

  private path(resource: ResourceId, namespace: string, name?: string, subresource?: string): string {
    return InProcessClient.path(apiVersionOf(resource), resource.plural, namespace || undefined, name, subresource);
  }

  private track(resource: ResourceId, object: unknown): void {
    const rv = (object as KubeObject | undefined)?.metadata?.resourceVersion;
    if (typeof rv !== "string" || rv === "") return;
    const key = resourceName(resource);
    const before = this.written[key];
    if (before === undefined || BigInt(rv) > BigInt(before)) this.written[key] = rv;
  }

  async create(resource: ResourceId, namespace: string, object: KubeObject): Promise<KubeObject> {
    const created = await this.api.create(this.path(resource, namespace), object);
    this.track(resource, created);
    return created;
  }

  /** PUT with the object's resourceVersion: a 409 means the cache was stale, and the pass is retried. */
  async update(resource: ResourceId, object: KubeObject, subresource?: string): Promise<KubeObject> {
    const updated = await this.api.update(this.path(resource, object.metadata.namespace ?? "", object.metadata.name, subresource), object);
    this.track(resource, updated);
    return updated;
  }

  async updateStatus(resource: ResourceId, object: KubeObject): Promise<KubeObject> {
    return this.update(resource, object, "status");
  }

  async patch(resource: ResourceId, namespace: string, name: string, patch: unknown, subresource?: string): Promise<KubeObject> {
    const patched = await this.api.patch(this.path(resource, namespace, name, subresource), patch, "merge");
    this.track(resource, patched);
    return patched;
  }

  /**
   * Deletes, preconditioned on the uid so a same-named successor is never hit. An object already gone is
   * success (another pass or a user got there first).
   */
  async delete(resource: ResourceId, object: KubeObject, options: { propagationPolicy?: string; gracePeriodSeconds?: number } = {}): Promise<void> {
    const body = {
      apiVersion: "v1",
      kind: "DeleteOptions",
      preconditions: { uid: object.metadata.uid },
      ...options,
    };
    try {
      const result = await this.api.delete(this.path(resource, object.metadata.namespace ?? "", object.metadata.name), { body });
      this.track(resource, result);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 404 || (error.code === 409 && /UID in precondition/.test(error.message)))) return;
      throw error;
    }
  }

  /** POST pods/{name}/binding: assigns the pod to a node (only an unassigned pod can be bound). */
  async bind(pod: KubeObject, nodeName: string): Promise<void> {
    const ns = pod.metadata.namespace ?? "";
    const pods = { group: "", version: "v1", plural: "pods" };
    const status = await this.api.create(this.path(pods, ns, pod.metadata.name, "binding"), {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid },
      target: { apiVersion: "v1", kind: "Node", name: nodeName },
    });
    // The answer is a Status carrying the bound pod's resourceVersion (this API server's addition), so the next
    // pass waits for the cache to show the binding; without one, read the pod back.
    if (status.metadata?.resourceVersion) this.track(pods, status);
    else this.track(pods, await this.api.get(this.path(pods, ns, pod.metadata.name)).catch(() => undefined));
  }

  /** A live list through the API (first 500), for resources no informer follows. */
  async listLive(resource: ResourceId, namespace: string): Promise<KubeObject[]> {
    const page = (await this.api.request("GET", this.path(resource, namespace), { query: { limit: "500" } })) as { items?: KubeObject[] };
    return page.items ?? [];
  }

  /** Every object of one namespace, read live from the store through the API (the server pages): for counts that must be whole and current. */
  async listAllLive(resource: ResourceId, namespace: string): Promise<KubeObject[]> {
    const list = (await this.api.request("GET", this.path(resource, namespace))) as { items?: KubeObject[] };
    return list.items ?? [];
  }

  /** DELETE on a collection (background propagation), as the namespace controller empties a namespace. */
  async deleteCollection(resource: ResourceId, namespace: string): Promise<void> {
    await this.api.request("DELETE", this.path(resource, namespace), {
      body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background" },
    });
  }

  /** A direct read through the API, for the rare case where the cache cannot be trusted (e.g. name allocation). */
  get(resource: ResourceId, namespace: string, name: string): Promise<KubeObject> {
    return this.api.get(this.path(resource, namespace, name));
  }
}
