import type { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import { isApiError } from "./converge-object";

/*
 * The cluster-scoped objects the book's chapters use that a learner cannot create in a shared cluster
 * (DESIGN.md, "Tenancy model"): the storage chapter's `fast` and `slow` StorageClasses, the StatefulSets
 * chapter's `flash`, and the API chapter's Book CRD. The classroom provides them, learners read them, and the
 * CRD's custom resources are writable in a learner's own namespace through the aggregated `edit` role.
 */

const storageClass = (name: string, reclaimPolicy: "Retain" | "Delete", volumeBindingMode: "Immediate" | "WaitForFirstConsumer"): KubeObject => ({
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name, labels: { "kubeclass.dev/fixture": "classroom" } },
  provisioner: "rancher.io/local-path",
  reclaimPolicy,
  volumeBindingMode,
  allowVolumeExpansion: true,
});

/** `kind: Book` in group nigelpoulton.com, as the API chapter creates it, with a validated spec. */
export const bookCrd: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "books.nigelpoulton.com", labels: { "kubeclass.dev/fixture": "classroom" } },
  spec: {
    group: "nigelpoulton.com",
    scope: "Namespaced",
    names: { plural: "books", singular: "book", kind: "Book", shortNames: ["bk"] },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["bookTitle"],
                properties: {
                  bookTitle: { type: "string", description: "The book's title" },
                  topic: { type: "string", description: "What the book is about" },
                  edition: { type: "integer", minimum: 1, description: "Which edition" },
                  salesUrl: { type: "string", description: "Where to buy it" },
                },
              },
            },
          },
        },
        additionalPrinterColumns: [
          { name: "Title", type: "string", jsonPath: ".spec.bookTitle" },
          { name: "Edition", type: "integer", jsonPath: ".spec.edition" },
          { name: "Topic", type: "string", jsonPath: ".spec.topic" },
          // Printer columns replace the default Age column, so it is listed again.
          { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
        ],
      },
    ],
  },
};

// Aggregated into edit (and so admin) and view, as an operator would for a CRD the class uses.
const bookRole = (name: string, verbs: string[], aggregateTo: string): KubeObject => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: { name, labels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateTo}`]: "true", "kubeclass.dev/fixture": "classroom" } },
  rules: [{ apiGroups: ["nigelpoulton.com"], resources: ["books"], verbs }],
});

const fixtures: { path: string; object: KubeObject }[] = [
  { path: "/apis/storage.k8s.io/v1/storageclasses", object: storageClass("fast", "Retain", "Immediate") },
  { path: "/apis/storage.k8s.io/v1/storageclasses", object: storageClass("slow", "Delete", "WaitForFirstConsumer") },
  { path: "/apis/storage.k8s.io/v1/storageclasses", object: storageClass("flash", "Retain", "WaitForFirstConsumer") },
  { path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", object: bookCrd },
  {
    path: "/apis/rbac.authorization.k8s.io/v1/clusterroles",
    object: bookRole("kubeclass:books-edit", ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"], "edit"),
  },
  { path: "/apis/rbac.authorization.k8s.io/v1/clusterroles", object: bookRole("kubeclass:books-view", ["get", "list", "watch"], "view") },
];

/**
 * Creates each classroom fixture that is missing; one an operator changed or already made is left as it is.
 * Returns how many it created.
 */
export async function ensureClassroomFixtures(cluster: InProcessClient): Promise<number> {
  let created = 0;
  for (const { path, object } of fixtures) {
    try {
      await cluster.create(path, object);
      created++;
    } catch (error) {
      if (!isApiError(error, 409)) throw error;
    }
  }
  return created;
}
