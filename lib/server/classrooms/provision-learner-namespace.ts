import type { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import {
  learnerLabel,
  learnerNamespaceContents,
  learnerNamespaceObject,
  learnerObjectNames,
  type LearnerNamespaceSpec,
} from "@/lib/platform/tenancy/learner-namespace-objects";
import { Conflict } from "../platform-errors";
import { convergeObject, isApiError, objectPath } from "./converge-object";

/** The namespace name is held by a namespace that is not this learner's: the caller picks the next name. */
export class NamespaceTaken extends Conflict {
  override name = "NamespaceTaken";
}

const terminating = (namespace: KubeObject) =>
  Boolean(namespace.metadata.deletionTimestamp) || (namespace.status as { phase?: string } | undefined)?.phase === "Terminating";

/**
 * Makes a learner's namespace whole: the Namespace, then its bindings, quota and LimitRange all at once (two
 * round trips on the first join; the API server creates the `default` ServiceAccount with the namespace).
 * Idempotent and resumable: whatever exists is checked and put right, whatever is missing is created, so a
 * provisioning cut short by a crash completes on the next join or reset.
 */
export async function ensureLearnerNamespace(cluster: InProcessClient, spec: LearnerNamespaceSpec): Promise<void> {
  const namespace = learnerNamespaceObject(spec);
  let existed = false;
  try {
    await cluster.create("/api/v1/namespaces", namespace);
  } catch (error) {
    if (!isApiError(error, 409)) throw error;
    existed = true;
    const current = await cluster.get(objectPath(namespace));
    const owner = (current.metadata.labels as Record<string, string> | undefined)?.[learnerLabel];
    if (owner !== spec.learner.id) throw new NamespaceTaken(`The namespace ${spec.namespace} already belongs to someone else.`);
    if (terminating(current)) {
      throw new Conflict(`Your previous namespace ${spec.namespace} is still being deleted. Try again in a minute.`);
    }
    await convergeObject(cluster, namespace);
  }
  const wanted = learnerNamespaceContents(spec);
  if (existed) {
    wanted.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: learnerObjectNames.serviceAccount, namespace: spec.namespace } });
  }
  await Promise.all(wanted.map((object) => convergeObject(cluster, object)));
}
