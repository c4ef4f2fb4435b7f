import type { Clock } from "../../clock";
import type { ObjectCache } from "../../store/object-cache";
import type { ObjectStore } from "../../store/object-store";
import type { ResourceRegistry } from "../resources/resource-registry";

/** Everything the REST operations need from the outside world, injected so tests can fix time and names. */
export type ApiContext = {
  store: ObjectStore;
  registry: ResourceRegistry;
  clock: Clock;
  /** The logical cluster this API serves (one default today; see DESIGN.md on personal clusters). */
  cluster: string;
  newUid: () => string;
  /** Five characters from Kubernetes' generateName alphabet. */
  randomSuffix: () => string;
  /**
   * Namespaces, ResourceQuotas and LimitRanges in memory (admission/admission-cache.ts); without it admission
   * reads the store every time.
   */
  admissionCache?: ObjectCache;
  /** How often watches that allow bookmarks get one; Kubernetes' minute unless a test wants it shorter. */
  watchBookmarkIntervalMs?: number;
};

/** The alphabet Kubernetes draws generated-name suffixes from (no vowels, no confusable characters). */
export const nameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";
