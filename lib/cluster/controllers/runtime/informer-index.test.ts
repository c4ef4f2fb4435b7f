import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { Informer, type IndexSpec, type InformerEventType } from "./informer";

const pod = (name: string, nodeName: string | undefined, rv: number): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "ns", resourceVersion: String(rv) },
  spec: nodeName ? { nodeName } : {},
});
const byNode: IndexSpec = { name: "spec.nodeName", values: (p) => ((p.spec as { nodeName?: string }).nodeName ? [(p.spec as { nodeName: string }).nodeName] : []) };
const names = (objects: KubeObject[]) => objects.map((o) => o.metadata.name);

/** An informer over a fixed list and then the given watch events. */
async function informerOver(items: KubeObject[], events: { type: InformerEventType; object: KubeObject }[]): Promise<Informer> {
  const stop = new AbortController();
  const informer = new Informer(
    {
      list: () => Promise.resolve({ items, resourceVersion: "1" }),
      watch: () =>
        (async function* () {
          for (const event of events) yield await Promise.resolve(event);
          stop.abort();
        })(),
    },
    { sleep: () => Promise.resolve() },
  );
  await informer.run(stop.signal);
  return informer;
}

describe("informer indexes", () => {
  it("files objects by the index's values, built on first use and kept up to date with every change", async () => {
    const informer = await informerOver([pod("a", "node-1", 1), pod("b", undefined, 1)], []);
    expect(names(informer.indexed(byNode, "node-1"))).toEqual(["a"]);

    const later = await informerOver(
      [pod("a", "node-1", 1), pod("b", undefined, 1), pod("c", "node-1", 1)],
      [
        { type: "MODIFIED", object: pod("b", "node-2", 2) },
        { type: "MODIFIED", object: pod("a", "node-1", 3) },
        { type: "DELETED", object: pod("c", "node-1", 4) },
        { type: "ADDED", object: pod("d", "node-1", 5) },
      ],
    );
    // Indexed before the watch ran, so every event had to update it.
    expect(names(later.indexed(byNode, "node-1"))).toEqual(["a", "d"]);
    expect(names(later.indexed(byNode, "node-2"))).toEqual(["b"]);
    expect(later.indexed(byNode, "node-1")[0]?.metadata.resourceVersion).toBe("3");
    expect(later.count("ns")).toBe(3);
  });

  it("keeps an index current for changes after it was built", async () => {
    const stop = new AbortController();
    type Event = { type: InformerEventType; object: KubeObject };
    const pending: Event[] = [];
    let wake = () => {};
    const push = (event: Event) => (pending.push(event), wake());
    const informer = new Informer(
      {
        list: () => Promise.resolve({ items: [pod("a", "node-1", 1)], resourceVersion: "1" }),
        async *watch() {
          while (!stop.signal.aborted) {
            const next = pending.shift();
            if (next) yield next;
            else await new Promise<void>((resolve) => (wake = resolve));
          }
        },
      },
      { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    );
    const running = informer.run(stop.signal);
    await informer.synced;
    expect(names(informer.indexed(byNode, "node-1"))).toEqual(["a"]);
    push({ type: "MODIFIED", object: pod("a", "node-2", 2) });
    expect(await informer.waitFor("2", 1_000)).toBe(true);
    expect(names(informer.indexed(byNode, "node-1"))).toEqual([]);
    expect(names(informer.indexed(byNode, "node-2"))).toEqual(["a"]);
    stop.abort();
    push({ type: "DELETED", object: pod("a", "node-2", 3) });
    await running;
  });
});
