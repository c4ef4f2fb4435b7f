/**
 * `kubectl delete` waits until each deleted object is gone (the same uid no longer served), watching rather
 * than polling, as kubectl wait --for=delete does. Ctrl-C (the program's signal) stops the wait.
 */
import { isNotFound } from "../client/kube-api-error";
import type { KubeClient } from "../client/kube-client";

export type Deleted = { collection: string; name: string; uid?: string };

export async function waitDeleted(client: KubeClient, deleted: Deleted, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    let resourceVersion: string | undefined;
    try {
      const live = await client.get(`${deleted.collection}/${encodeURIComponent(deleted.name)}`);
      const uid = (live.metadata as { uid?: string } | undefined)?.uid;
      if (deleted.uid && uid !== deleted.uid) return;
      resourceVersion = live.metadata?.resourceVersion;
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    const query: Record<string, string> = { fieldSelector: `metadata.name=${deleted.name}`, ...(resourceVersion ? { resourceVersion } : {}) };
    for await (const event of client.watch(deleted.collection, query, { signal })) {
      if (event.type === "DELETED") return;
    }
  }
}
