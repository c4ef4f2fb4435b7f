/**
 * kubernetes-types declares every Go integer and float as `number`. OpenAPI distinguishes them, and clients
 * care about `integer` vs `number` (and show int32/int64). These are the fields that are not int32, as Go
 * declares them in k8s.io/api, k8s.io/apimachinery and k8s.io/apiextensions-apiserver; every other `number`
 * is an int32. The generator fails when an entry no longer names a numeric property.
 */
export const numberFormats: Record<string, Record<string, "int64" | "double">> = {
  "io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus": { observedGeneration: "int64" },
  "io.k8s.api.apps.v1.ControllerRevision": { revision: "int64" },
  "io.k8s.api.apps.v1.DaemonSetStatus": { observedGeneration: "int64" },
  "io.k8s.api.apps.v1.DeploymentStatus": { observedGeneration: "int64" },
  "io.k8s.api.apps.v1.ReplicaSetStatus": { observedGeneration: "int64" },
  "io.k8s.api.apps.v1.StatefulSetStatus": { observedGeneration: "int64" },
  "io.k8s.api.authentication.v1.TokenRequestSpec": { expirationSeconds: "int64" },
  "io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus": { observedGeneration: "int64" },
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus": { observedGeneration: "int64" },
  "io.k8s.api.batch.v1.CronJobSpec": { startingDeadlineSeconds: "int64" },
  "io.k8s.api.batch.v1.JobSpec": { activeDeadlineSeconds: "int64" },
  "io.k8s.api.core.v1.ContainerImage": { sizeBytes: "int64" },
  "io.k8s.api.core.v1.PodSecurityContext": { fsGroup: "int64", runAsGroup: "int64", runAsUser: "int64", supplementalGroups: "int64" },
  "io.k8s.api.core.v1.PodSpec": { activeDeadlineSeconds: "int64", terminationGracePeriodSeconds: "int64" },
  "io.k8s.api.core.v1.Probe": { terminationGracePeriodSeconds: "int64" },
  "io.k8s.api.core.v1.ReplicationControllerStatus": { observedGeneration: "int64" },
  "io.k8s.api.core.v1.SecurityContext": { runAsGroup: "int64", runAsUser: "int64" },
  "io.k8s.api.core.v1.ServiceAccountTokenProjection": { expirationSeconds: "int64" },
  "io.k8s.api.core.v1.SleepAction": { seconds: "int64" },
  "io.k8s.api.core.v1.Toleration": { tolerationSeconds: "int64" },
  "io.k8s.api.policy.v1.PodDisruptionBudgetStatus": { observedGeneration: "int64" },
  "io.k8s.api.storage.v1.TokenRequest": { expirationSeconds: "int64" },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps": { maxItems: "int64", maxLength: "int64", maxProperties: "int64", maximum: "double", minItems: "int64", minLength: "int64", minProperties: "int64", minimum: "double", multipleOf: "double" },
  "io.k8s.apimachinery.pkg.apis.meta.v1.Condition": { observedGeneration: "int64" },
  "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": { gracePeriodSeconds: "int64" },
  "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": { remainingItemCount: "int64" },
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": { deletionGracePeriodSeconds: "int64", generation: "int64" },
};
