import type { UserInfo } from "../auth/user-info";
import type { KubeObject } from "../store/object-store";
import type { Target } from "./rest/target";

export { rbacEscalationAdmission } from "./admission/rbac-escalation";

/** One write about to be stored, as an admission plugin sees it. */
export type AdmissionAttempt = {
  operation: "create" | "update";
  target: Target;
  user: UserInfo;
  object: KubeObject;
  oldObject?: KubeObject;
  /** `?dryRun=All`: plugins must not change anything outside the object (e.g. quota usage). */
  dryRun: boolean;
};

/** Mutating phase: returns the object to store, changed or not; throws an ApiError to refuse the write. */
export type MutatingAdmission = (attempt: AdmissionAttempt) => Promise<KubeObject>;

/** Validating phase: throws an ApiError to refuse the write; returns to let it through. */
export type ValidatingAdmission = (attempt: AdmissionAttempt) => Promise<void>;

/** A write that has been stored: `object` is absent when it was a delete. */
export type CommittedWrite = { target: Target; oldObject: KubeObject; object?: KubeObject };

/**
 * One admission plugin, as in Kubernetes (plugin/pkg/admission): it may mutate, validate, or both (LimitRanger
 * does both). `committed` sees writes once stored; Kubernetes has no such hook (its quota controller recalculates
 * usage instead), it is here so quota usage is released when counted objects go.
 */
export type AdmissionPlugin = {
  name: string;
  mutate?: MutatingAdmission;
  validate?: ValidatingAdmission;
  committed?: (write: CommittedWrite) => Promise<void>;
  /**
   * Told when a later plugin refused the write this plugin's mutate had already seen, with the object as it
   * stood then (Service allocation gives back the values it reserved while mutating). Never throws.
   */
  abandoned?: (attempt: AdmissionAttempt) => Promise<void>;
};

/** The assembled chain the REST layer calls: every mutation in plugin order, then every validation. */
export type Admission = {
  /** Mutating then validating admission; resolves to the object to store. */
  admit: (attempt: AdmissionAttempt) => Promise<KubeObject>;
  /** After a write is stored; never throws (the write stands either way). */
  committed: (write: CommittedWrite) => Promise<void>;
};

/**
 * Runs plugins as Kubernetes' admission chain does: all mutating phases in order, each seeing the previous one's
 * result, then all validating phases on the final object. The first refusal wins.
 */
export function chainAdmission(...plugins: AdmissionPlugin[]): Admission {
  return {
    admit: async (attempt) => {
      let object = attempt.object;
      const mutated: AdmissionPlugin[] = [];
      try {
        for (const plugin of plugins) {
          if (!plugin.mutate) continue;
          object = await plugin.mutate({ ...attempt, object });
          mutated.push(plugin);
        }
        for (const plugin of plugins) await plugin.validate?.({ ...attempt, object });
      } catch (error) {
        for (const plugin of mutated) await plugin.abandoned?.({ ...attempt, object }).catch(() => undefined);
        throw error;
      }
      return object;
    },
    committed: async (write) => {
      for (const plugin of plugins) {
        // A stored write cannot be undone; a failed follow-up is for a controller's resync to correct.
        await plugin.committed?.(write).catch(() => undefined);
      }
    },
  };
}
