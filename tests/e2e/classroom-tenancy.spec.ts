import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { kubectl, kubectlBinary } from "../support/kubectl-binary";

// Issue 5, done-means 1, in a real Chromium against the production build: an instructor signs up and creates a
// classroom; learners join with its invite code and get a namespace with its RoleBinding, ResourceQuota and
// LimitRange; a learner downloads a kubeconfig, and real kubectl works in their namespace and is refused in
// another learner's.
const run = randomBytes(3).toString("hex");
const password = "correct horse battery staple";
const dir = mkdtempSync(join(tmpdir(), "kubeclass-e2e-"));

async function signUp(browser: Browser, who: { name: string; email: string; teaches: boolean }): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto("/signup");
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(password);
  if (who.teaches) await page.getByLabel("I teach a class").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText(who.name);
  return page;
}

async function joinClassroom(page: Page, inviteCode: string): Promise<string> {
  await page.goto("/classrooms");
  await page.getByLabel("Invite code").fill(inviteCode);
  await page.getByRole("button", { name: "Join classroom" }).click();
  const namespace = page.getByTestId("my-namespace");
  await expect(namespace).toBeVisible();
  return (await namespace.textContent()) ?? "";
}

test("an instructor's classroom gives each learner a namespace that real kubectl can use, and only theirs", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await signUp(browser, { name: `Teacher ${run}`, email: `teacher-${run}@e2e.local`, teaches: true });
  await teacher.goto("/classrooms");
  await teacher.getByLabel("Classroom name").fill(`Kubernetes 101 ${run}`);
  await teacher.getByRole("button", { name: "Create classroom" }).click();
  await expect(teacher.getByRole("heading", { name: `Kubernetes 101 ${run}`, level: 1 })).toBeVisible();
  const inviteCode = (await teacher.getByTestId("invite-code").textContent()) ?? "";
  expect(inviteCode).toMatch(/^[A-Z0-9]{8,}$/);

  const alice = await signUp(browser, { name: `Alice ${run}`, email: `alice-${run}@e2e.local`, teaches: false });
  const aliceNamespace = await joinClassroom(alice, inviteCode);
  expect(aliceNamespace).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  const bob = await signUp(browser, { name: `Bob ${run}`, email: `bob-${run}@e2e.local`, teaches: false });
  const bobNamespace = await joinClassroom(bob, inviteCode);
  expect(bobNamespace).not.toBe(aliceNamespace);

  // The instructor's roster shows both, live from the database.
  await teacher.reload();
  await expect(teacher.getByTestId("roster-learner")).toHaveCount(2);
  await expect(teacher.getByTestId("roster-learner").filter({ hasText: aliceNamespace })).toContainText(`alice-${run}@e2e.local`);

  // Alice downloads her kubeconfig from her classroom page.
  const downloading = alice.waitForEvent("download");
  await alice.getByRole("button", { name: "Download kubeconfig" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`kubeclass-${aliceNamespace}.kubeconfig`);
  const kubeconfig = join(dir, download.suggestedFilename());
  await download.saveAs(kubeconfig);
  const binary = kubectlBinary(35);

  const context = await kubectl(binary, kubeconfig, ["config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}"]);
  expect(context.stdout).toBe(aliceNamespace);
  const pods = await kubectl(binary, kubeconfig, ["get", "pods"]);
  expect(pods.code, pods.stderr).toBe(0);
  expect(pods.stderr.trim()).toBe(`No resources found in ${aliceNamespace} namespace.`);

  // What provisioning put in her namespace: the bindings, the quota and the LimitRange.
  const bindings = await kubectl(binary, kubeconfig, ["get", "rolebindings", "-o", "jsonpath={range .items[*]}{.metadata.name}={.roleRef.name} {end}"]);
  expect(bindings.code, bindings.stderr).toBe(0);
  expect(bindings.stdout).toContain("learner-edit=edit");
  const quota = await kubectl(binary, kubeconfig, ["get", "resourcequota", "learner-quota", "-o", "jsonpath={.spec.hard.pods}"]);
  expect(quota.code, quota.stderr).toBe(0);
  expect(Number(quota.stdout)).toBeGreaterThan(0);
  const limits = await kubectl(binary, kubeconfig, ["get", "limitrange", "learner-limits", "-o", "jsonpath={.spec.limits[0].type}"]);
  expect(limits.code, limits.stderr).toBe(0);
  expect(limits.stdout).toBe("Container");

  // And Bob's namespace is closed to her, in Kubernetes' own words.
  const denied = await kubectl(binary, kubeconfig, ["get", "pods", "-n", bobNamespace]);
  expect(denied.code).not.toBe(0);
  expect(denied.stderr.trim()).toBe(
    `Error from server (Forbidden): pods is forbidden: User "alice-${run}@e2e.local" cannot list resource "pods" in API group "" in the namespace "${bobNamespace}"`,
  );
});
