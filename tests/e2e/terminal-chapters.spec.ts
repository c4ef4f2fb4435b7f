import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { createClassroom, joinClassroom, signUp, TerminalPage } from "./support/terminal-page";

// Issue 6, done-means 1: in a real Chromium against the production build, with the worker running the
// controllers, a learner works through the book's Pods and Deployments chapters in the browser terminal: writes
// pod.yml in the editor, applies it, watches the Pod start and stops the watch with Ctrl-C, completes its name
// with Tab, reads its logs, execs into it; then deploys hello-deploy, scales it, rolls out a new image, reads the
// history and rolls back. The manifests are the ones learners get (labs/manifests/<chapter>/<file>).
const run = randomBytes(3).toString("hex");
const manifest = (chapter: string, file: string) => readFileSync(join(process.cwd(), "labs", "manifests", chapter, file), "utf8");
const AGE = String.raw`\d+s`;
// What `kubectl rollout status` prints while it waits (kubectl's DeploymentStatusViewer, word for word).
const rolloutWaiting = new RegExp(
  [
    String.raw`Waiting for deployment spec update to be observed\.\.\.`,
    String.raw`Waiting for deployment "hello-deploy" rollout to finish: \d+ out of \d+ new replicas have been updated\.\.\.`,
    String.raw`Waiting for deployment "hello-deploy" rollout to finish: \d+ old replicas are pending termination\.\.\.`,
    String.raw`Waiting for deployment "hello-deploy" rollout to finish: \d+ of \d+ updated replicas are available\.\.\.`,
  ]
    .map((line) => `^${line}$`)
    .join("|"),
);

test("a learner works through the Pods and Deployments chapters in the browser terminal", async ({ browser }) => {
  test.setTimeout(90_000);
  const teacher = await signUp(browser, { name: `Teacher ${run}`, email: `teacher-ch-${run}@e2e.local`, teaches: true });
  const inviteCode = await createClassroom(teacher, `Chapters ${run}`);
  const learner = await signUp(browser, { name: `Nia ${run}`, email: `nia-${run}@e2e.local`, teaches: false });
  const namespace = await joinClassroom(learner, inviteCode);
  const term = await TerminalPage.open(learner, `nia-${run}`);

  expect(await term.run("kubectl get pods")).toEqual([`No resources found in ${namespace} namespace.`]);

  // Pods: pod.yml written in the editor, saved with ^O Enter, closed with ^X.
  const podYaml = manifest("pods", "hello-pod.yml");
  const podLines = podYaml.replace(/\n$/, "").split("\n");
  await term.clear();
  await term.typeLine("nano pod.yml");
  await term.waitForRow(/GNU nano .* pod\.yml/);
  for (const line of podLines) await term.typeLine(line);
  await term.press("Control+o");
  await term.waitForRow(/^File Name to Write: pod\.yml$/);
  await term.press("Enter");
  await term.waitForRow(/\[ Wrote \d+ lines \]/);
  await term.press("Control+x");
  // Leaving the editor restores the shell's screen: the command line and a fresh prompt.
  expect(await term.outputOf("nano pod.yml")).toEqual([]);
  expect(await term.run("cat pod.yml")).toEqual(podLines.map((line) => line.trimEnd()));

  expect(await term.run("kubectl apply -f pod.yml")).toEqual(["pod/hello-pod created"]);

  // get -w keeps printing as the Pod starts and only stops for Ctrl-C.
  await term.clear();
  await term.typeLine("kubectl get pods -w");
  await term.waitForRow(new RegExp(`^hello-pod\\s+1/1\\s+Running\\s+0\\s+${AGE}$`), 20_000);
  const watching = await term.rows();
  expect(watching[0]).toBe(`${term.prompt} kubectl get pods -w`);
  expect(watching[1]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  expect(watching[2]).toMatch(new RegExp(`^hello-pod\\s+0/1\\s+(Pending|ContainerCreating)\\s+0\\s+${AGE}$`));
  expect(watching.at(-1)).not.toBe(term.prompt);
  await term.press("Control+c");
  const watched = await term.outputOf("kubectl get pods -w");
  expect(watched.slice(0, watching.length - 1)).toEqual(watching.slice(1));
  expect(watched.at(-1)).toBe("^C");

  // Tab completes the Pod's name from the cluster.
  await term.clear();
  await term.type("kubectl logs hel");
  await term.press("Tab");
  await term.waitForRow(`${term.prompt} kubectl logs hello-pod`);
  await term.press("Enter");
  expect(await term.outputOf("kubectl logs hello-pod")).toEqual(["Web app listening on port 8080"]);
  expect(await term.run("kubectl logs hello-pod --container hello-ctr")).toEqual(["Web app listening on port 8080"]);
  expect(await term.run("kubectl exec hello-pod -- hostname")).toEqual(["hello-pod"]);
  expect(await term.run("kubectl exec hello-pod -- pwd")).toEqual(["/"]);

  // Deployments: deploy.yml from a here-document.
  const deployLines = manifest("deployments", "deploy.yml").replace(/\n$/, "").split("\n");
  await term.clear();
  await term.typeLine("cat > deploy.yml <<EOF");
  for (const line of deployLines) await term.typeLine(line);
  await term.typeLine("EOF");
  await term.waitForRow(/^> EOF$/);
  await term.waitForRow(term.prompt);
  expect(await term.run("kubectl apply -f deploy.yml")).toEqual(["deployment.apps/hello-deploy created"]);
  const firstRollout = await term.run("kubectl rollout status deployment hello-deploy", 30_000);
  expect(firstRollout.at(-1)).toBe('deployment "hello-deploy" successfully rolled out');
  for (const line of firstRollout.slice(0, -1)) expect(line).toMatch(rolloutWaiting);

  expect(await term.run("kubectl scale deploy hello-deploy --replicas 5")).toEqual(["deployment.apps/hello-deploy scaled"]);
  const scaled = await term.runUntil("kubectl get deploy", /^hello-deploy\s+5\/5\s/);
  expect(scaled).toHaveLength(2);
  expect(scaled[0]).toBe("NAME           READY   UP-TO-DATE   AVAILABLE   AGE");
  expect(scaled[1]).toMatch(new RegExp(`^hello-deploy   5/5     5            5           ${AGE}$`));

  // A rolling update to a new image, then the history and a rollback to the first revision.
  expect(await term.run("kubectl set image deployment hello-deploy hello-pod=nigelpoulton/k8sbook:2.0")).toEqual([
    "deployment.apps/hello-deploy image updated",
  ]);
  const update = await term.run("kubectl rollout status deployment hello-deploy", 40_000);
  expect(update.at(-1)).toBe('deployment "hello-deploy" successfully rolled out');
  // Two Pods at a time (maxSurge 1, maxUnavailable 1): the wait is visible, line by line.
  expect(update.length).toBeGreaterThan(1);
  for (const line of update.slice(0, -1)) expect(line).toMatch(rolloutWaiting);
  // As kubectl prints it: the object's name (with a trailing blank), the table, a blank line.
  expect(await term.run("kubectl rollout history deployment hello-deploy")).toEqual([
    "deployment.apps/hello-deploy",
    "REVISION  CHANGE-CAUSE",
    "1         <none>",
    "2         <none>",
    "",
  ]);
  expect(await term.run("kubectl get deploy hello-deploy -o jsonpath={.spec.template.spec.containers[0].image}")).toEqual([
    "nigelpoulton/k8sbook:2.0",
  ]);

  // kubectl 1.35 rolls back without a word about apply's last-applied annotation (the warning came later).
  expect(await term.run("kubectl rollout undo deployment hello-deploy --to-revision=1")).toEqual(["deployment.apps/hello-deploy rolled back"]);
  const rollback = await term.run("kubectl rollout status deployment hello-deploy", 40_000);
  expect(rollback.at(-1)).toBe('deployment "hello-deploy" successfully rolled out');
  for (const line of rollback.slice(0, -1)) expect(line).toMatch(rolloutWaiting);
  const back = await term.runUntil("kubectl get deploy hello-deploy -o wide", /^hello-deploy\s+5\/5\s+5\s+5\s/);
  expect(back[1]).toMatch(new RegExp(`^hello-deploy   5/5     5            5           ${AGE}\\s+hello-pod    nigelpoulton/k8sbook:1\\.0   app=hello-world$`));
  expect(await term.run("kubectl rollout history deployment hello-deploy")).toEqual([
    "deployment.apps/hello-deploy",
    "REVISION  CHANGE-CAUSE",
    "2         <none>",
    "3         <none>",
    "",
  ]);

  // kubectl edit opens the same editor on the live object; leaving it unchanged edits nothing.
  await term.clear();
  await term.typeLine("kubectl edit deployment hello-deploy");
  await term.waitForRow(/GNU nano .*kubectl-edit-deployments-hello-deploy\.yaml/);
  await term.waitForRow("  name: hello-deploy");
  await term.waitForRow("  replicas: 5");
  await term.press("Control+x");
  expect(await term.outputOf("kubectl edit deployment hello-deploy")).toEqual(["Edit cancelled, no changes made."]);
});
