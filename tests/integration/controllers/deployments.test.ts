import { describe, expect, it } from "vitest";
import { allControllers } from "@/lib/cluster/controllers/all-controllers";
import { useControllerCluster } from "../../support/controller-cluster";

// Real kubectl 1.35 against the real API, with a worker process running every controller (the scheduler and
// kubelet make the pods Ready), driving Deployments the way a learner does.
const cluster = useControllerCluster({ timeoutMs: 90_000 });
const k = cluster.inNamespace("deploys");

const rolledOut = async () => expect(await k("rollout", "status", "deployment/web", "--timeout=60s")).toMatch(/deployment "web" successfully rolled out/);
const images = async () => (await k("get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.spec.containers[0].image}{' '}{.status.phase}{'\\n'}{end}")).trim().split("\n").sort();

describe("Deployments with kubectl 1.35 and a real worker", () => {
  it("kubelet and scheduler are there to make pods Ready", () => {
    expect(allControllers.map((c) => c.name)).toEqual(expect.arrayContaining(["scheduler", "kubelet", "deployment", "replicaset"]));
  });

  it("create, scale, set image, rollout status/history, undo --to-revision=1", async () => {
    await cluster.run(["create", "namespace", "deploys"]);
    expect(await k("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3")).toMatch(/deployment.apps\/web created/);
    await rolledOut();
    expect(await images()).toEqual(Array(3).fill("nginx:1.27 Running"));

    expect(await k("scale", "deployment", "web", "--replicas=5")).toMatch(/deployment.apps\/web scaled/);
    await rolledOut();
    expect(await k("get", "deployment", "web", "--no-headers")).toMatch(/^web\s+5\/5\s+5\s+5\s+/);

    await k("set", "image", "deployment/web", "nginx=nginx:1.28");
    await rolledOut();
    expect(await images()).toEqual(Array(5).fill("nginx:1.28 Running"));
    const history = await k("rollout", "history", "deployment/web");
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    const firstRS = await k("get", "rs", "-l", "app=web", "-o", "jsonpath={range .items[?(@.metadata.annotations.deployment\\.kubernetes\\.io/revision==\"1\")]}{.metadata.name}{end}");
    expect(firstRS).toMatch(/^web-[456789bcdf]+$/);
    expect(await k("rollout", "undo", "deployment/web", "--to-revision=1")).toMatch(/deployment.apps\/web rolled back/);
    await rolledOut();
    expect(await images()).toEqual(Array(5).fill("nginx:1.27 Running"));
    // The first ReplicaSet came back as revision 3; no third ReplicaSet was made.
    const sets = (await k("get", "rs", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.annotations.deployment\\.kubernetes\\.io/revision}/{.spec.replicas}{'\\n'}{end}")).trim().split("\n").sort();
    expect(sets).toHaveLength(2);
    expect(sets).toContain(`${firstRS}=3/5`);
    expect(await k("rollout", "history", "deployment/web")).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);

    const described = await k("describe", "deployment", "web");
    expect(described).toMatch(new RegExp(`ScalingReplicaSet .*Scaled up replica set ${firstRS} from 0 to 3`));
    expect(described).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
  }, 240_000);

  it("rollout pause, resume and restart", async () => {
    await k("rollout", "pause", "deployment/web");
    await k("set", "image", "deployment/web", "nginx=nginx:1.29");
    await k("scale", "deployment", "web", "--replicas=2");
    // Paused: the scale applies to the current ReplicaSet, the new image waits.
    await expect.poll(images, { timeout: 30_000 }).toEqual(Array(2).fill("nginx:1.27 Running"));
    await k("rollout", "resume", "deployment/web");
    await rolledOut();
    expect(await images()).toEqual(Array(2).fill("nginx:1.29 Running"));

    const before = await k("get", "pods", "-l", "app=web", "-o", "name");
    await k("rollout", "restart", "deployment/web");
    await rolledOut();
    const after = await k("get", "pods", "-l", "app=web", "-o", "name");
    expect(after.trim().split("\n")).toHaveLength(2);
    expect(after.trim().split("\n").some((name) => before.includes(name))).toBe(false);
  }, 240_000);
});
