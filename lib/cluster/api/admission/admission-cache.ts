import type { CachedResource } from "../../store/object-cache";

/**
 * What admission reads on nearly every create, kept in memory (as Kubernetes' NamespaceLifecycle, ResourceQuota
 * and LimitRanger plugins read informer caches): without it each create would cost two or three extra store
 * round trips before its write. The plugins still go to the store wherever a stale answer could matter: a
 * namespace the cache does not know or thinks is going, and a namespace's quotas whenever it has any (their
 * usage is charged with compare-and-swap against the stored object), so the cache only ever saves work.
 */
export const admissionCacheResources: readonly CachedResource[] = [
  { group: "", resource: "namespaces", namespaced: false },
  // Only which quotas exist is read from memory; their usage changes on every charged write.
  { group: "", resource: "resourcequotas", namespaced: true, readYourWrites: "membership" },
  { group: "", resource: "limitranges", namespaced: true },
];
