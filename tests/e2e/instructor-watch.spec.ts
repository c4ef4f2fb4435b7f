import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createClassroom, joinClassroom, signUp, TerminalPage } from "./support/terminal-page";

// Issue 8, done-means 1: an instructor and a learner in two browser contexts. While the learner scales a
// Deployment in the browser terminal, the instructor's student view shows the new pods within a second of the
// command completing, the timeline shows the command, and the shadow terminal shows what the learner saw.
// Done-means 2 for the page: a learner opening the student view gets a not-found page.
const run = randomBytes(3).toString("hex");

test("an instructor watches a learner scale a Deployment: pods, timeline and terminal, live", async ({ browser }) => {
  test.setTimeout(180_000);
  const teacher = await signUp(browser, { name: `Teacher ${run}`, email: `teacher-watch-${run}@e2e.local`, teaches: true });
  const inviteCode = await createClassroom(teacher, `Watch ${run}`);
  const classroomUrl = teacher.url();

  const learner = await signUp(browser, { name: `Watched ${run}`, email: `watched-${run}@e2e.local`, teaches: false });
  const namespace = await joinClassroom(learner, inviteCode);
  const term = await TerminalPage.open(learner, `watched-${run}`);

  // The roster links to the learner's student view.
  await teacher.goto(classroomUrl);
  const watchLink = teacher.getByRole("link", { name: `Watch Watched ${run}` });
  await expect(watchLink).toBeVisible();
  const viewUrl = new URL((await watchLink.getAttribute("href")) ?? "", teacher.url()).toString();
  await watchLink.click();
  await expect(teacher.getByTestId("student-namespace")).toHaveText(namespace);
  await expect(teacher.getByTestId("watch-status")).toHaveAttribute("data-state", "live");
  await expect(teacher.getByTestId("namespace-graph")).toBeVisible();
  const pods = teacher.locator("[data-testid=graph-node][data-kind=Pod]");

  expect(await term.run("kubectl create deployment web --image=nginx --replicas=1")).toEqual(["deployment.apps/web created"]);
  await expect(teacher.locator("[data-testid=graph-node][data-kind=Deployment][data-name=web]")).toBeVisible();
  await expect(pods).toHaveCount(1);

  // Scale, and take the moment the learner's terminal prints the result as the command's completion.
  await term.typeLine("kubectl scale deployment web --replicas=3");
  await learner.waitForFunction(
    () => [...document.querySelectorAll("[data-testid=terminal] .xterm-rows > div")].some((row) => (row.textContent ?? "").includes("deployment.apps/web scaled")),
    undefined,
    { polling: "raf", timeout: 15_000 },
  );
  await expect(pods).toHaveCount(3, { timeout: 1000 });

  // The timeline has the command (live, from the socket), and the shadow terminal shows its output.
  await expect(teacher.getByTestId("timeline-entry").filter({ hasText: "kubectl scale deployment web --replicas=3" })).toBeVisible();
  await expect(teacher.getByTestId("timeline-entry").filter({ hasText: "kubectl create deployment web" })).toBeVisible();
  await expect(teacher.locator("[data-testid=shadow-terminal] .xterm-rows")).toContainText("deployment.apps/web scaled");

  // The same timeline after a reload comes from the database.
  await teacher.reload();
  await expect(teacher.getByTestId("timeline-entry").filter({ hasText: "kubectl scale deployment web --replicas=3" })).toBeVisible();
  await expect(pods).toHaveCount(3);

  // A learner cannot open the student view: theirs or anyone's looks like a page that does not exist.
  const refused = await learner.goto(viewUrl);
  expect(refused?.status()).toBe(404);
  await expect(learner.getByTestId("student-namespace")).toHaveCount(0);
  await expect(learner.getByTestId("shadow-terminal")).toHaveCount(0);
});
