/**
 * Which protobuf message an apiVersion+kind is encoded as. Kubernetes' proto packages follow the Go import
 * path (k8s.io/api/<group>/<version>), which for most groups is the group name's first label.
 */
import { findMessage } from "./descriptors";
import { ProtobufBodyError } from "./protobuf-body-error";

const META = "k8s.io.apimachinery.pkg.apis.meta";

const protoPackages: Record<string, string> = {
  "": "k8s.io.api.core",
  "admission.k8s.io": "k8s.io.api.admission",
  "admissionregistration.k8s.io": "k8s.io.api.admissionregistration",
  "apiextensions.k8s.io": "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions",
  apps: "k8s.io.api.apps",
  "authentication.k8s.io": "k8s.io.api.authentication",
  "authorization.k8s.io": "k8s.io.api.authorization",
  autoscaling: "k8s.io.api.autoscaling",
  batch: "k8s.io.api.batch",
  "certificates.k8s.io": "k8s.io.api.certificates",
  "coordination.k8s.io": "k8s.io.api.coordination",
  "discovery.k8s.io": "k8s.io.api.discovery",
  "events.k8s.io": "k8s.io.api.events",
  extensions: "k8s.io.api.extensions",
  "flowcontrol.apiserver.k8s.io": "k8s.io.api.flowcontrol",
  "internal.apiserver.k8s.io": "k8s.io.api.apiserverinternal",
  "meta.k8s.io": META,
  "metrics.k8s.io": "k8s.io.metrics.pkg.apis.metrics",
  "networking.k8s.io": "k8s.io.api.networking",
  "node.k8s.io": "k8s.io.api.node",
  policy: "k8s.io.api.policy",
  "rbac.authorization.k8s.io": "k8s.io.api.rbac",
  "resource.k8s.io": "k8s.io.api.resource",
  "scheduling.k8s.io": "k8s.io.api.scheduling",
  "storage.k8s.io": "k8s.io.api.storage",
  "storagemigration.k8s.io": "k8s.io.api.storagemigration",
};

/**
 * Group versions newer than the 1.21 schemas whose messages are wire-identical to an older version there:
 * autoscaling/v2 (1.23) is v2beta2 promoted unchanged (newer additions such as HPAScalingRules.tolerance are
 * unknown fields, and so rejected). `kubectl autoscale` sends autoscaling/v2.
 */
const sameWireAs: Record<string, string> = {
  "autoscaling/v2": "k8s.io.api.autoscaling.v2beta2",
};

/**
 * Single kinds promoted after 1.21 unchanged on the wire, where the rest of their group version is in the 1.21
 * schemas: policy/v1 Eviction (1.22) is v1beta1's, and kubectl ≥ 1.22 `drain` sends it.
 */
const sameWireKinds: Record<string, string> = {
  "policy/v1 Eviction": "k8s.io.api.policy.v1beta1.Eviction",
};

/** Kinds every group version registers (metav1.AddToGroupVersion) that clients send as request bodies. */
const sharedMetaKinds = new Set(["DeleteOptions"]);
const OBJECT_META = `${META}.v1.ObjectMeta`;
const LIST_META = `${META}.v1.ListMeta`;

export function messageForKind(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  const described = `${kind} in ${apiVersion}`;
  if (!version || !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) {
    throw new ProtobufBodyError(`invalid apiVersion "${apiVersion}" or kind "${kind}"`);
  }
  if (sharedMetaKinds.has(kind)) return `${META}.v1.${kind}`;
  const promoted = sameWireKinds[`${apiVersion} ${kind}`];
  if (promoted) return promoted;
  const protoPackage = Object.hasOwn(protoPackages, group ?? "") ? protoPackages[group ?? ""] : undefined;
  if (!protoPackage) throw new ProtobufBodyError(`no protobuf schema for API group "${group}" (${described})`);
  const versionPackage = Object.hasOwn(sameWireAs, apiVersion) ? sameWireAs[apiVersion] : `${protoPackage}.${version}`;
  const name = `${versionPackage}.${kind}`;
  const schema = findMessage(name);
  // An API object has ObjectMeta or ListMeta; that keeps nested types like PodSpec from posing as kinds.
  const isObject = schema?.fields.some(
    (field) => field.name === "metadata" && (field.message === OBJECT_META || field.message === LIST_META),
  );
  if (!isObject) {
    throw new ProtobufBodyError(`no protobuf schema for ${described}`);
  }
  return name;
}
