import { describe, expect, it } from "vitest";
import { compareQuantities, parseQuantity } from "@/lib/cluster/api/quantity";
import { evaluatorsFor } from "@/lib/cluster/api/admission/quota-evaluators";
import {
  instructorsBinding,
  learnerContainerLimits,
  learnerNamespaceContents,
  learnerNamespaceObject,
  learnerQuotaHard,
  type LearnerNamespaceSpec,
} from "./learner-namespace-objects";

const spec: LearnerNamespaceSpec = {
  namespace: "k8s-jane-abc123",
  classroomSlug: "k8s",
  learner: { id: "cmuser1", email: "jane@example.com" },
  instructorEmails: ["zed@example.com", "amy@example.com", "amy@example.com"],
};

const byName = (name: string) => learnerNamespaceContents(spec).find((o) => o.metadata.name === name);

describe("learner namespace objects", () => {
  it("labels the namespace with its classroom and learner", () => {
    expect(learnerNamespaceObject(spec).metadata.labels).toMatchObject({ "kubeclass.io/classroom": "k8s", "kubeclass.io/learner": "cmuser1" });
  });

  it("binds the learner to edit and to the RBAC-writing role, and the instructors to admin", () => {
    expect(byName("learner-edit")).toMatchObject({
      roleRef: { kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "User", name: "jane@example.com", apiGroup: "rbac.authorization.k8s.io" }],
    });
    expect(byName("learner-rbac")).toMatchObject({ roleRef: { kind: "ClusterRole", name: "kubeclass:namespace-rbac" } });
    expect(instructorsBinding(spec)).toMatchObject({
      roleRef: { kind: "ClusterRole", name: "admin" },
      subjects: [{ kind: "User", name: "amy@example.com" }, { kind: "User", name: "zed@example.com" }],
    });
    for (const object of learnerNamespaceContents(spec)) expect(object.metadata.namespace).toBe(spec.namespace);
  });

  it("limits only what the quota admission can measure", () => {
    const names = Object.keys(learnerQuotaHard);
    const measured = new Set(evaluatorsFor(names).flatMap((e) => e.matchingResources(names)));
    for (const name of names) expect(measured.has(name), name).toBe(true);
    expect(byName("learner-quota")).toMatchObject({ spec: { hard: learnerQuotaHard } });
  });

  it("lets 30 pods at the LimitRange defaults fit every cpu and memory total", () => {
    const pods = Number(learnerQuotaHard.pods);
    const fits = (total: string | undefined, each: string) => {
      const need = parseQuantity(each);
      const times = { ...need, nanos: need.nanos * BigInt(pods) };
      return compareQuantities(times, parseQuantity(total ?? "0")) <= 0;
    };
    expect(fits(learnerQuotaHard["requests.cpu"], learnerContainerLimits.defaultRequest.cpu)).toBe(true);
    expect(fits(learnerQuotaHard["requests.memory"], learnerContainerLimits.defaultRequest.memory)).toBe(true);
    expect(fits(learnerQuotaHard["limits.cpu"], learnerContainerLimits.default.cpu)).toBe(true);
    expect(fits(learnerQuotaHard["limits.memory"], learnerContainerLimits.default.memory)).toBe(true);
  });

  it("gives containers default limits and requests under a ceiling", () => {
    expect(byName("learner-limits")).toMatchObject({
      spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "64Mi" } }] },
    });
  });
});
