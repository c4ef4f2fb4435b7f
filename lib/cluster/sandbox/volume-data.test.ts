import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { MemoryObjectStore } from "../store/memory-object-store";
import { containerView, type ViewSource } from "./container-view";
import { openShell } from "./exec-shell";
import { claimVolumes, splitVolumeWrites, storeVolumeData, volumeFilesAt } from "./volume-data";

const empty: ViewSource = { get: () => undefined, list: () => [] };
const now = () => Date.parse("2026-11-26T04:10:09Z");

const pod = (name: string): KubeObject => ({
  metadata: { namespace: "shop", name, uid: `uid-${name}` },
  spec: {
    nodeName: "node-1",
    containers: [{ name: "ctr", image: "ubuntu:latest", volumeMounts: [{ name: "data", mountPath: "/data" }, { name: "logs", mountPath: "/data/logs", subPath: "app" }, { name: "tmp", mountPath: "/scratch" }] }],
    volumes: [
      { name: "data", persistentVolumeClaim: { claimName: "pvc-data" } },
      { name: "logs", persistentVolumeClaim: { claimName: "pvc-logs" } },
      { name: "tmp", emptyDir: {} },
    ],
  },
  status: { phase: "Running", podIP: "10.244.1.7" },
});

describe("claim-backed volumes", () => {
  it("sends writes under a claim's mount to its volume (deepest mount, subPath) and the rest to the container", () => {
    const container = (pod("a").spec as { containers: never[] }).containers[0];
    const changes = [
      { at: 1, path: "/data/file", content: "x\n" },
      { at: 2, path: "/data/logs/today", content: "log\n" },
      { at: 3, path: "/scratch/tmp", content: "" },
      { at: 4, path: "/data", content: null },
    ];
    expect(splitVolumeWrites(container, new Set(claimVolumes(pod("a")).keys()), changes)).toEqual({
      run: [changes[2], changes[3]],
      volumes: { data: [{ at: 1, path: "file", content: "x\n" }], logs: [{ at: 2, path: "app/today", content: "log\n" }] },
    });
    expect(claimVolumes(pod("a"))).toEqual(new Map([["data", "pvc-data"], ["logs", "pvc-logs"]]));
  });

  it("shows what a volume holds in the next pod that mounts it, removed files gone", () => {
    const data = [
      { at: 1, path: "file", content: "one\n" },
      { at: 2, path: "gone", content: "" },
      { at: 3, path: "gone", content: null },
      { at: 4, path: "app/today", content: "log\n" },
    ];
    expect(volumeFilesAt(data, "app")).toEqual([["today", "log\n"]]);
    const view = containerView(empty, pod("b"), "ctr", undefined, undefined, { data })!;
    const sh = (line: string) => openShell(empty, view, now).run(line).stdout;
    expect(sh("ls /data")).toBe("app\nfile\nlogs\n");
    expect(sh("cat /data/file")).toBe("one\n");
    expect(sh("ls /scratch")).toBe("");
  });

  it("mounts a claim over what the image has at the mount path", () => {
    const web = { ...pod("web"), spec: { nodeName: "node-1", containers: [{ name: "ctr", image: "nginx:1.27", volumeMounts: [{ name: "data", mountPath: "/usr/share/nginx/html" }] }], volumes: [{ name: "data", persistentVolumeClaim: { claimName: "pvc-data" } }] } };
    const sh = (line: string, volumes = {}) => openShell(empty, containerView(empty, web, "ctr", undefined, undefined, volumes)!, now).run(line);
    expect(sh("ls /usr/share/nginx/html")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(sh("cat /usr/share/nginx/html/index.html", { data: [{ at: 1, path: "index.html", content: "mine\n" }] }).stdout).toBe("mine\n");
  });

  it("keeps a volume's files in the store, appending writes", async () => {
    const volumes = storeVolumeData(new MemoryObjectStore(), "c1");
    expect(await volumes.get("pvc-123")).toEqual([]);
    await volumes.write("pvc-123", [{ at: 1, path: "a", content: "1" }]);
    await volumes.write("pvc-123", [{ at: 2, path: "a", content: null }]);
    expect(await volumes.get("pvc-123")).toEqual([{ at: 1, path: "a", content: "1" }, { at: 2, path: "a", content: null }]);
  });
});
