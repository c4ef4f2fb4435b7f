import { describe, expect, it } from "vitest";
import { evaluateStep } from "../evaluate";
import { MemoryLabCluster, fixtures, type MemoryLabClusterOptions } from "../testing/memory-lab-cluster";
import { labFromChecks } from "../testing/lab-from-checks";

const now = new Date("2026-01-01T10:00:00Z");
const stepStartedAt = new Date("2026-01-01T09:50:00Z");

async function run(checkYaml: string, options: MemoryLabClusterOptions): Promise<{ passed: boolean; message: string }> {
  const lab = await labFromChecks(`- ${checkYaml}`);
  const result = await evaluateStep(lab, "only", new MemoryLabCluster(options), now, { stepStartedAt });
  const first = result.results[0]!;
  return { passed: first.passed, message: first.message };
}

describe("configMapMounted", () => {
  const objects = [fixtures.pod("cmvol", { app: "cm" })];
  const files = { cmvol: { "/etc/name/given": "Nigel" } };
  it("reads the file through exec", async () => {
    expect(await run("{ id: c, type: configMapMounted, pod: cmvol, path: /etc/name/given, contains: Nigel }", { objects, files })).toEqual({
      passed: true,
      message: '/etc/name/given in Pod cmvol is readable and contains "Nigel"',
    });
  });
  it("says when the file is missing or different", async () => {
    expect((await run("{ id: c, type: configMapMounted, pod: cmvol, path: /etc/name/family }", { objects, files })).message).toBe(
      "cannot read /etc/name/family in Pod cmvol (exit code 1: cat: can't open '/etc/name/family': No such file or directory); the step wants it mounted",
    );
    expect((await run("{ id: c, type: configMapMounted, pod: cmvol, path: /etc/name/given, contains: Poulton }", { objects, files })).message).toBe(
      '/etc/name/given in Pod cmvol holds "Nigel"; the step wants it to contain "Poulton"',
    );
  });
  it("does not exec into a pod that has not started (its volume could not be mounted)", async () => {
    const waiting = [fixtures.pod("cmvol", { app: "cm" }, { phase: "Pending" })];
    expect((await run("{ id: c, type: configMapMounted, pod: cmvol, path: /etc/name/given }", { objects: waiting, files })).message).toBe(
      "Pod cmvol is Pending; the step wants /etc/name/given readable in it once it is Running",
    );
  });
});

describe("execOutput", () => {
  const objects = [fixtures.pod("jump", { app: "jump" }), fixtures.pod("web-b", { app: "web" }), fixtures.pod("web-a", { app: "web" })];
  const seen: string[] = [];
  const execAnswer = (pod: string, _container: string | undefined, argv: string[]) => {
    seen.push(`${pod}: ${argv.join(" ")}`);
    if (argv[0] === "nslookup" && argv[1] === "ent") return { stdout: "Name:\tent.learner-1.svc.cluster.local\nAddress: 10.96.0.12\n", exitCode: 0 };
    if (argv[0] === "nslookup") return { stdout: `** server can't find ${argv[1]}: NXDOMAIN\n`, exitCode: 1 };
    return { stdout: "hello from web\n", exitCode: 0 };
  };
  it("runs the command in the named pod and matches its output", async () => {
    expect(await run("{ id: c, type: execOutput, pod: jump, command: [nslookup, ent], contains: ent.learner-1.svc.cluster.local }", { objects, execAnswer })).toEqual({
      passed: true,
      message: '`nslookup ent` in Pod jump exited 0 and printed "ent.learner-1.svc.cluster.local"',
    });
    expect((await run("{ id: c, type: execOutput, pod: jump, command: [nslookup, ent], pattern: 'Address: 10\\.96\\.' }", { objects, execAnswer })).passed).toBe(true);
  });
  it("says what the command did when it fails, exits otherwise or prints something else", async () => {
    expect((await run("{ id: c, type: execOutput, pod: jump, command: [nslookup, ant] }", { objects, execAnswer })).message).toBe(
      "`nslookup ant` in Pod jump exited 1: ** server can't find ant: NXDOMAIN; the step wants exit code 0",
    );
    expect((await run("{ id: c, type: execOutput, pod: jump, command: [nslookup, ant], exitCode: 1 }", { objects, execAnswer })).passed).toBe(true);
    expect((await run("{ id: c, type: execOutput, pod: jump, command: [sh, -c, 'curl -s web:8080'], contains: goodbye }", { objects, execAnswer })).message).toBe(
      "`sh -c 'curl -s web:8080'` in Pod jump printed \"hello from web\"; the step wants \"goodbye\" in its output",
    );
    expect((await run("{ id: c, type: execOutput, pod: gone, command: [hostname] }", { objects, execAnswer })).message).toBe(
      "Pod gone not found; the step runs `hostname` in it",
    );
  });
  it("picks the first Running pod by name for a selector, and fails when none runs", async () => {
    seen.length = 0;
    expect((await run("{ id: c, type: execOutput, selector: { app: web }, command: [hostname] }", { objects, execAnswer })).passed).toBe(true);
    expect(seen).toEqual(["web-a: hostname"]);
    expect((await run("{ id: c, type: execOutput, selector: { app: db }, command: [hostname] }", { objects, execAnswer })).message).toBe(
      "no Running pod with labels app=db; the step runs `hostname` in one",
    );
  });
  it("waits for a named pod to run, skips pods being deleted, and says so when exec itself fails", async () => {
    const pending = fixtures.pod("starting", { app: "jump" }, { phase: "Pending" });
    expect((await run("{ id: c, type: execOutput, pod: starting, command: [hostname] }", { objects: [pending], execAnswer })).message).toBe(
      "Pod starting is Pending; the step runs `hostname` in it once it is Running",
    );
    const leaving = { ...fixtures.pod("web-0", { app: "web" }), metadata: { name: "web-0", labels: { app: "web" }, deletionTimestamp: "2026-01-01T09:59:00Z" } };
    seen.length = 0;
    expect((await run("{ id: c, type: execOutput, selector: { app: web }, command: [hostname] }", { objects: [leaving, ...objects], execAnswer })).passed).toBe(true);
    expect(seen).toEqual(["web-a: hostname"]);
    const broken = () => {
      throw new Error('unable to upgrade connection: container not found ("jump")');
    };
    expect((await run("{ id: c, type: execOutput, pod: jump, command: [hostname] }", { objects, execAnswer: broken })).message).toBe(
      'cannot run `hostname` in Pod jump: unable to upgrade connection: container not found ("jump")',
    );
  });
  it("rejects a check naming both a pod and a selector, or a bad pattern", async () => {
    await expect(labFromChecks("- { id: c, type: execOutput, pod: a, selector: { app: web }, command: [ls] }")).rejects.toThrow(/give only one of pod, selector/);
    await expect(labFromChecks("- { id: c, type: execOutput, pod: a, command: [ls], pattern: '(' }")).rejects.toThrow(/not a valid regular expression/);
  });
});

describe("canI", () => {
  const canI = (subject: { user: string } | { serviceAccount: string }, attrs: { verb: string; resource: string }): boolean =>
    "serviceAccount" in subject ? subject.serviceAccount === "reader" && attrs.verb === "list" : attrs.resource === "pods";
  it("asks the cluster and compares the answer", async () => {
    expect((await run("{ id: c, type: canI, serviceAccount: reader, verb: list, resource: pods, expect: yes }", { canI })).passed).toBe(true);
    expect(await run("{ id: c, type: canI, user: bob, verb: delete, resource: secrets, expect: yes }", { canI })).toEqual({
      passed: false,
      message: "can User bob delete secrets? no; the step wants yes",
    });
    expect((await run("{ id: c, type: canI, user: bob, verb: get, resource: pods, expect: no }", { canI })).message).toBe(
      "can User bob get pods? yes; the step wants no",
    );
  });
});

describe("eventSeen / rolloutHappened", () => {
  const events = [
    fixtures.event("Killing", { kind: "Pod", name: "web-abc" }, "2026-01-01T09:55:00Z", "Stopping container app"),
    fixtures.event("ScalingReplicaSet", { kind: "Deployment", name: "web" }, "2026-01-01T09:00:00Z"),
  ];
  it("finds events since the step started", async () => {
    expect((await run("{ id: c, type: eventSeen, reason: Killing, involvedKind: Pod, involvedNamePrefix: web- }", { events })).passed).toBe(true);
    expect(await run("{ id: c, type: eventSeen, reason: ScalingReplicaSet, involvedName: web }", { events })).toEqual({
      passed: false,
      message: "no event ScalingReplicaSet for web since the step started (seen: Killing); the step wants one",
    });
  });
  it("compares the Deployment's revision", async () => {
    const objects = [fixtures.deployment("web", 3, 3, "img:2", 1)];
    expect(await run("{ id: c, type: rolloutHappened, deployment: web, minRevision: 2 }", { objects })).toEqual({
      passed: false,
      message: "Deployment web is at revision 1; the step wants at least 2",
    });
    objects[0] = fixtures.deployment("web", 3, 3, "img:2", 2);
    expect((await run("{ id: c, type: rolloutHappened, deployment: web, minRevision: 2 }", { objects })).passed).toBe(true);
  });
});

describe("commandRun", () => {
  const commands = [
    { line: "kubectl get pods", at: new Date("2026-01-01T09:40:00Z") },
    { line: "kubectl -n x scale deploy/web --replicas 5", at: new Date("2026-01-01T09:45:00Z") },
    { line: "kubectl get deploy", at: new Date("2026-01-01T09:55:00Z") },
  ];
  it("matches kubectl verb and resource only since the step started", async () => {
    expect(await run("{ id: c, type: commandRun, kubectl: { verb: scale, resource: deployments } }", { commands })).toEqual({
      passed: false,
      message: "no kubectl scale deployments was run in this step (last: kubectl get deploy); the step wants one",
    });
    expect(await run("{ id: c, type: commandRun, kubectl: { verb: get, resource: deployment } }", { commands })).toEqual({
      passed: true,
      message: "ran kubectl get deploy",
    });
  });
  it("matches a regex", async () => {
    expect((await run('{ id: c, type: commandRun, pattern: "get (deploy|deployments)$" }', { commands })).passed).toBe(true);
    expect((await run('{ id: c, type: commandRun, pattern: "^kubectl delete" }', { commands })).passed).toBe(false);
  });
  it("accepts the terminal's k alias where a pattern says kubectl", async () => {
    const typed = [{ line: "k rollout status deploy/web", at: new Date("2026-01-01T09:55:00Z") }];
    expect(await run('{ id: c, type: commandRun, pattern: "kubectl\\\\s+rollout\\\\s+status" }', { commands: typed })).toEqual({
      passed: true,
      message: "ran k rollout status deploy/web",
    });
  });
});
