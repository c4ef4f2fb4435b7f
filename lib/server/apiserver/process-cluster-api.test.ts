import { describe, expect, it } from "vitest";
import type { ClusterApi } from "./cluster-api";
import { processClusterApi, setProcessClusterApi } from "./process-cluster-api";

describe("the process's ClusterApi", () => {
  it("fails after the timeout while none has started, waits for one, and is shared through globalThis", async () => {
    await expect(processClusterApi(10)).rejects.toThrow("The cluster API has not started in this process.");
    const waiting = processClusterApi(5_000);
    const api = { serve: () => Promise.reject(new Error("unused")) } as unknown as ClusterApi;
    setProcessClusterApi(api);
    expect(await waiting).toBe(api);
    expect(await processClusterApi()).toBe(api);
    // What another copy of this module (Next's route bundle) would read.
    expect((globalThis as Record<symbol, { api?: ClusterApi }>)[Symbol.for("kubeclass.processClusterApi")]?.api).toBe(api);
  });
});
