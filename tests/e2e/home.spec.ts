import { expect, test } from "@playwright/test";

const parts = [
  ["postgres", "Postgres"],
  ["redis", "Redis"],
  ["worker", "Worker"],
] as const;

test("the home page shows Postgres, Redis and the worker up, kept live over socket.io", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "kubeclass", level: 1 })).toBeVisible();
  for (const [id, label] of parts) {
    const row = page.getByTestId(`health-${id}`);
    await expect(row).toContainText(label);
    await expect(row).toHaveAttribute("data-status", "up");
    await expect(row.locator(".badge")).toHaveText("up");
  }
  await expect(page.getByRole("heading", { name: /Platform health: all parts up/ })).toBeVisible();
  // "live" appears only once the socket.io connection to /status is open.
  await expect(page.getByText("live", { exact: true })).toBeVisible();
});

test("/healthz answers 200 with every part up", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; parts: Record<string, { status: string }> };
  expect(body.status).toBe("ok");
  expect(Object.fromEntries(Object.entries(body.parts).map(([k, v]) => [k, v.status]))).toEqual({
    postgres: "up",
    redis: "up",
    worker: "up",
  });
  expect(response.headers()["cache-control"]).toContain("no-store");
});
