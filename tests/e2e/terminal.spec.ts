import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/terminal-page";

// The browser terminal in a real Chromium against the production build: a learner who joined a classroom opens
// /terminal, runs kubectl in their namespace, writes a manifest with a here-document, applies it, and after a
// reload finds the same session: its scrollback and a working prompt that takes pasted commands.
const run = randomBytes(3).toString("hex");

/** The terminal's visible rows as text (xterm renders each row as a DOM element). */
const screen = (page: Page) => page.locator("[data-testid=terminal] .xterm-rows");

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press("Enter");
}

test("a learner runs kubectl in the browser terminal, and a reload keeps the session", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await signUp(browser, { name: `Teacher ${run}`, email: `teacher-term-${run}@e2e.local`, teaches: true });
  await teacher.goto("/classrooms");
  await teacher.getByLabel("Classroom name").fill(`Terminal 101 ${run}`);
  await teacher.getByRole("button", { name: "Create classroom" }).click();
  const inviteCode = (await teacher.getByTestId("invite-code").textContent()) ?? "";
  expect(inviteCode).toMatch(/^[A-Z0-9]{8,}$/);

  const learner = await signUp(browser, { name: `Lena ${run}`, email: `lena-${run}@e2e.local`, teaches: false });
  await learner.goto("/classrooms");
  await learner.getByLabel("Invite code").fill(inviteCode);
  await learner.getByRole("button", { name: "Join classroom" }).click();
  await expect(learner.getByTestId("my-namespace")).toBeVisible();
  const namespace = ((await learner.getByTestId("my-namespace").textContent()) ?? "").trim();
  expect(namespace).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);

  // From the site's navigation to the terminal.
  await learner.getByRole("link", { name: "Terminal" }).click();
  await expect(learner).toHaveURL(/\/terminal$/);
  const prompt = `lena-${run}@kubeclass:~$`;
  await expect(screen(learner)).toContainText(prompt);
  await learner.locator("[data-testid=terminal] .xterm-helper-textarea").focus();

  await typeLine(learner, "kubectl get pods");
  await expect(screen(learner)).toContainText(`No resources found in ${namespace} namespace.`);

  const manifest = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: hello-deploy",
    "spec:",
    "  replicas: 2",
    "  selector:",
    "    matchLabels:",
    "      app: hello",
    "  template:",
    "    metadata:",
    "      labels:",
    "        app: hello",
    "    spec:",
    "      containers:",
    "      - name: web",
    "        image: nigelpoulton/k8sbook:1.0",
  ];
  await typeLine(learner, "cat > deploy.yml <<EOF");
  for (const line of manifest) await typeLine(learner, line);
  await typeLine(learner, "EOF");
  await typeLine(learner, "kubectl apply -f deploy.yml");
  await expect(screen(learner)).toContainText("deployment.apps/hello-deploy created");

  // A reload attaches to the same shell: what was on screen comes back, and the prompt still answers.
  await learner.reload();
  await expect(screen(learner)).toContainText("deployment.apps/hello-deploy created");
  await expect(learner.getByTestId("terminal-status")).toBeHidden();
  await learner.locator("[data-testid=terminal] .xterm-helper-textarea").focus();
  await expect(screen(learner)).not.toContainText("UP-TO-DATE");
  // Pasted as in a desktop terminal (Ctrl-Shift-V), not typed.
  await learner.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await learner.evaluate(() => navigator.clipboard.writeText("kubectl get deployments"));
  await learner.keyboard.press("Control+Shift+V");
  await learner.keyboard.press("Enter");
  await expect(screen(learner)).toContainText(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
});

test("the terminal page sends a visitor without a session to sign in", async ({ page }) => {
  await page.goto("/terminal");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fterminal/);
});
