import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { LabPage } from "./support/lab-page";
import { createClassroom, joinClassroom, signUp, TerminalPage } from "./support/terminal-page";

// Issue 7, done-means 2: an instructor assigns the Deployments lab; a learner opens it, presses Check before
// doing a step and reads exactly what is missing, fixes it in the lab page's terminal, passes, and submits; the
// instructor's grade sheet shows the score the server computed.
const run = randomBytes(3).toString("hex");

test("a learner fails a Deployments check, fixes it in the terminal, passes and submits; the instructor sees the score", async ({ browser }) => {
  test.setTimeout(150_000);
  const teacher = await signUp(browser, { name: `Teacher ${run}`, email: `teacher-lab-${run}@e2e.local`, teaches: true });
  const inviteCode = await createClassroom(teacher, `Labs ${run}`);
  const classroomUrl = teacher.url();

  // The instructor turns the Deployments lab into an assignment, open now and due in a week (the form's defaults).
  await teacher.getByRole("combobox", { name: "Lab" }).selectOption({ label: "Chapter 6: Deployments — scale, roll out, roll back" });
  await teacher.getByLabel(/^Title/).fill(`Deployments homework ${run}`);
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByTestId("assignment-row")).toHaveCount(1);
  await expect(teacher.getByRole("link", { name: `Deployments homework ${run}` })).toBeVisible();

  const learner = await signUp(browser, { name: `Lab ${run}`, email: `lab-${run}@e2e.local`, teaches: false });
  await joinClassroom(learner, inviteCode);
  const learnerClassroom = learner.url();
  await expect(learner.getByTestId("assignment-row")).toContainText(`Deployments homework ${run}`);
  await expect(learner.getByTestId("my-score")).toHaveText("not submitted");

  // The catalog lists the lab; opening it shows the first step, the terminal and the (empty) namespace.
  await learner.getByRole("link", { name: "Labs", exact: true }).click();
  await learner.getByRole("link", { name: "Deployments — scale, roll out, roll back" }).click();
  const lab = new LabPage(learner);
  await expect(learner.getByRole("heading", { level: 2, name: /Step 1: Deploy ten replicas/ })).toBeVisible();
  await expect(learner.getByTestId("lab-progress")).toHaveText("0 of 5 steps passed");

  // Check before doing anything: each check says what it found and what it wants.
  const before = await lab.check();
  expect(before.passed).toBe(false);
  expect(before.results.some((r) => r.includes("Deployment hello-deploy not found; the step wants"))).toBe(true);
  await expect(lab.results().first()).toContainText("✗");

  // Hints come one at a time.
  await learner.getByRole("button", { name: /Show a hint/ }).click();
  await expect(learner.getByText("creates the Deployment.")).toBeVisible();

  // Fix it in the terminal on the lab page: opening the step put its starter file deploy.yml into the home.
  const term = await TerminalPage.attach(learner, `lab-${run}`);
  await term.runUntil("ls", /\bdeploy\.yml\b/);
  expect(await term.run("kubectl apply -f deploy.yml")).toEqual(["deployment.apps/hello-deploy created"]);
  const rollout = await term.run("kubectl rollout status deployment hello-deploy", 45_000);
  expect(rollout.at(-1)).toBe('deployment "hello-deploy" successfully rolled out');
  // The live namespace view picks the Deployment up by itself.
  await expect(learner.getByTestId("namespace-objects")).toContainText("hello-deploy");

  const after = await lab.check();
  expect(after.results).toHaveLength(3);
  expect(after.passed).toBe(true);
  await expect(learner.getByTestId("lab-progress")).toHaveText("1 of 5 steps passed");

  // Step 2 before scaling: the message names what was found and what the step wants.
  await lab.chooseStep("Scale down to five");
  const unscaled = await lab.check();
  expect(unscaled.passed).toBe(false);
  expect(unscaled.results).toEqual([expect.stringMatching(/Deployment hello-deploy has 10 ready replicas; the step wants .*5/)]);

  await term.focus(); // the Check button had the keyboard
  expect(await term.run("kubectl scale deploy hello-deploy --replicas 5")).toEqual(["deployment.apps/hello-deploy scaled"]);
  await term.runUntil("kubectl get deploy", /^hello-deploy\s+5\/5\s/);
  const scaled = await lab.check();
  expect(scaled.passed).toBe(true);
  expect(scaled.results).toEqual([expect.stringContaining("Deployment hello-deploy has 5 ready replicas")]);
  await expect(learner.getByTestId("lab-progress")).toHaveText("2 of 5 steps passed");

  // Progress is saved: a reload opens at the first step not yet passed.
  await learner.reload();
  await expect(learner.getByTestId("lab-progress")).toHaveText("2 of 5 steps passed");
  await expect(learner.getByRole("heading", { level: 2, name: /Step 3: Roll out version 2.0/ })).toBeVisible();
  // ...and hints already revealed stay revealed.
  await lab.chooseStep("Deploy ten replicas");
  await expect(learner.getByRole("list", { name: "Hints" }).getByRole("listitem")).toHaveCount(1);
  await expect(learner.getByRole("button", { name: "Show another hint (2 left)" })).toBeVisible();

  // Submit: the server grades the whole lab now.
  await learner.goto(learnerClassroom);
  await learner.getByRole("button", { name: `Submit Deployments homework ${run}` }).click();
  await expect(learner.getByText(/^Submitted: \d+ of \d+ points\.$/)).toBeVisible({ timeout: 20_000 });
  const [, score, maxScore] = /Submitted: (\d+) of (\d+) points/.exec((await learner.getByText(/^Submitted:/).textContent()) ?? "") ?? [];
  expect(Number(score)).toBeGreaterThan(0);
  expect(Number(score)).toBeLessThan(Number(maxScore));
  await expect(learner.getByTestId("my-score")).toHaveText(`${score} of ${maxScore} points`);

  // The instructor's grade sheet shows the same score, with the per-check details.
  await teacher.goto(classroomUrl);
  await teacher.getByRole("link", { name: `Deployments homework ${run}` }).click();
  const row = teacher.getByTestId("grade-row").filter({ hasText: `Lab ${run}` });
  await expect(row.getByTestId("grade-score")).toHaveText(`${score} / ${maxScore}`);
  await expect(row).not.toContainText("late");
  await row.getByText(/checks passed/).click();
  // Step 2's check passed; step 1's "10 ready" no longer does, since the learner scaled down afterwards.
  await expect(row.locator("li.check-pass").filter({ hasText: /scale\s+Deployment hello-deploy has 5 ready replicas$/ })).toBeVisible();
  await expect(row.locator("li.check-fail").filter({ hasText: /create-deployment\s+Deployment hello-deploy has 5 ready replicas; the step wants .*10/ })).toBeVisible();

  // Regrading against the namespace as it is now gives the same score and marks the row regraded.
  await row.getByRole("button", { name: `Regrade Lab ${run}` }).click();
  await expect(row).toContainText("regraded");
  await expect(row.getByTestId("grade-score")).toHaveText(`${score} / ${maxScore}`);
});
