import { expect, it } from "vitest";
import { useLearnerWorld } from "./learner-world";

// The book's cluster-scoped objects a learner cannot create in a shared cluster come with the classroom:
// the storage classes to read and use, and the Book CRD whose custom resources they write in their own namespace.
const world = useLearnerWorld();

async function eventually(what: () => Promise<{ status: number; out: string; err: string }>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await what();
    if (result.status === 0 || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it("a learner sees the book's storage classes and can claim from one", async () => {
  const run = await world.freshLearner();
  try {
    const classes = await run.line("kubectl get storageclass -o name");
    expect(classes.out.split("\n").filter(Boolean).sort()).toEqual([
      "storageclass.storage.k8s.io/fast",
      "storageclass.storage.k8s.io/flash",
      "storageclass.storage.k8s.io/slow",
      "storageclass.storage.k8s.io/standard",
    ]);
    expect((await run.line("kubectl get sc fast -o jsonpath={.reclaimPolicy}/{.volumeBindingMode}")).out).toBe("Retain/Immediate");
    await run.writeFiles([
      {
        path: "pvc.yml",
        content: "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  storageClassName: fast\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n",
      },
    ]);
    expect((await run.line("kubectl apply -f pvc.yml")).out).toBe("persistentvolumeclaim/data created\n");
    const bound = await eventually(async () => {
      const phase = await run.line("kubectl get pvc data -o jsonpath={.status.phase}");
      return { ...phase, status: phase.out === "Bound" ? 0 : 1 };
    });
    expect(bound.out).toBe("Bound");
    // A learner still cannot change the class itself: it is the classroom's.
    const edit = await run.line("kubectl delete sc fast");
    expect(edit.status).not.toBe(0);
    expect(edit.err).toMatch(/forbidden/);
  } finally {
    await run.dispose();
  }
}, 60_000);

it("a learner writes Books in their own namespace only, and kubectl prints the CRD's columns", async () => {
  const run = await world.freshLearner();
  try {
    await run.writeFiles([
      {
        path: "book.yml",
        content: "apiVersion: nigelpoulton.com/v1\nkind: Book\nmetadata: {name: k8sbook}\nspec: {bookTitle: The Kubernetes Book, topic: kubernetes, edition: 3}\n",
      },
    ]);
    // The aggregated edit role picks up the Book rules once the worker's aggregation controller has run.
    const created = await eventually(() => run.line("kubectl apply -f book.yml"));
    expect(created.out).toBe("book.nigelpoulton.com/k8sbook created\n");
    const table = await run.line("kubectl get bk");
    expect(table.out).toMatch(/^NAME\s+TITLE\s+EDITION\s+TOPIC\s+AGE\n/);
    expect(table.out).toMatch(/k8sbook\s+The Kubernetes Book\s+3\s+kubernetes/);
    const elsewhere = await run.line("kubectl apply -f book.yml -n kube-system");
    expect(elsewhere.status).not.toBe(0);
    expect(elsewhere.err).toMatch(/forbidden/);
    const crd = await run.line("kubectl delete crd books.nigelpoulton.com");
    expect(crd.err).toMatch(/forbidden/);
  } finally {
    await run.dispose();
  }
}, 60_000);
