import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { docs } from "./descriptions";
import { toTable } from "./to-table";
import { hasPrinter, printerFor } from "./printers";

const now = new Date("2026-01-01T12:00:00Z");

const role: KubeObject = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "Role",
  metadata: {
    name: "pod-reader",
    namespace: "dev",
    uid: "4c0b1c7e-1111-4222-8333-944455556666",
    resourceVersion: "4711",
    creationTimestamp: "2025-12-31T09:30:00Z",
    labels: { team: "a" },
  },
  rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
};

describe("toTable", () => {
  it("gives resources without a printer the default table: NAME and CREATED AT (an RFC 3339 date)", () => {
    const table = toTable({ group: "rbac.authorization.k8s.io", resource: "roles" }, [role], {
      now,
      listMeta: { resourceVersion: "5000" },
    });
    expect(table).toEqual({
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      metadata: { resourceVersion: "5000" },
      columnDefinitions: [
        { name: "Name", type: "string", format: "name", description: docs.name, priority: 0 },
        { name: "Created At", type: "date", format: "", description: docs.creationTimestamp, priority: 0 },
      ],
      rows: [
        {
          cells: ["pod-reader", "2025-12-31T09:30:00Z"],
          object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: role.metadata },
        },
      ],
    });
  });

  it("uses the default table for LimitRanges, ClusterRoles and CRDs too", () => {
    expect(hasPrinter({ resource: "limitranges" })).toBe(false);
    expect(hasPrinter({ group: "rbac.authorization.k8s.io", resource: "clusterroles" })).toBe(false);
    expect(hasPrinter({ group: "apiextensions.k8s.io", kind: "CustomResourceDefinition" })).toBe(false);
    const crd = { metadata: { name: "books.nigelpoulton.com", creationTimestamp: "2025-06-01T08:00:00.5Z" } };
    const table = toTable({ group: "apiextensions.k8s.io", resource: "customresourcedefinitions" }, [crd], { now });
    expect(table.rows[0]?.cells).toEqual(["books.nigelpoulton.com", "2025-06-01T08:00:00Z"]);
  });

  it("finds printers by resource or by kind", () => {
    expect(printerFor({ resource: "pods" })).toBe(printerFor({ kind: "Pod" }));
    expect(printerFor({ group: "apps", kind: "Deployment" }).columns[1]?.name).toBe("Ready");
    expect(hasPrinter({ group: "apps", resource: "pods" })).toBe(false);
  });

  it("honours includeObject: Metadata (default), Object, None", () => {
    const target = { group: "rbac.authorization.k8s.io", resource: "roles" };
    expect(toTable(target, [role], { now, includeObject: "Object" }).rows[0]?.object).toBe(role);
    expect(toTable(target, [role], { now, includeObject: "None" }).rows[0]?.object).toBeNull();
    const partial = toTable(target, [role], { now, includeObject: "Metadata" }).rows[0]?.object;
    expect(partial).toEqual({ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: role.metadata });
  });

  it("copies list metadata as Go marshals it (empty fields omitted) and can leave out headers", () => {
    const target = { kind: "Namespace" };
    const ns = { metadata: { name: "dev", creationTimestamp: "2026-01-01T11:00:00Z" }, status: { phase: "Active" } };
    const paged = toTable(target, [ns], {
      now,
      listMeta: { resourceVersion: "99", continue: "eyJ2Ijoi", remainingItemCount: 12 },
    });
    expect(paged.metadata).toEqual({ resourceVersion: "99", continue: "eyJ2Ijoi", remainingItemCount: 12 });
    expect(toTable(target, [], { now, listMeta: { resourceVersion: "99", continue: "" } })).toMatchObject({
      metadata: { resourceVersion: "99" },
      rows: [],
    });
    expect(toTable(target, [ns], { now }).metadata).toEqual({});
    expect(toTable(target, [ns], { now, noHeaders: true }).columnDefinitions).toEqual([]);
  });

  it("prints every cell, wide ones included, and marks finished pods with a row condition", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "backup-x7k2p", namespace: "dev", creationTimestamp: "2026-01-01T11:00:00Z" },
      spec: { nodeName: "node-1", containers: [{ name: "backup", image: "busybox" }] },
      status: {
        phase: "Succeeded",
        podIPs: [{ ip: "10.244.1.8" }],
        containerStatuses: [
          {
            name: "backup",
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: "Completed" } },
          },
        ],
      },
    };
    const table = toTable({ resource: "pods" }, [pod], { now, includeObject: "None" });
    expect(table.columnDefinitions).toHaveLength(9);
    expect(table.rows).toEqual([
      {
        cells: ["backup-x7k2p", "0/1", "Completed", "0", "60m", "10.244.1.8", "node-1", "<none>", "<none>"],
        conditions: [
          { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
        ],
        object: null,
      },
    ]);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});
