import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { expect, test } from "@playwright/test";
import { freePort, TcpProxy } from "../support/tcp-proxy";

// A second web process whose only road to Redis runs through a relay we can cut and restore, so the test
// can take Redis away from this process (and only this one) and bring it back, as an outage would.
type Health = { status: string; parts: Record<"postgres" | "redis" | "worker", { status: string; detail: string }> };

const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
let proxy: TcpProxy;
let web: ChildProcess;
let base: string;
let output = "";

test.beforeAll(async () => {
  proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  await proxy.open();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  web = spawn(process.execPath, ["dist/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      // Its own API port (0: any free one); the suite's web server holds the default.
      API_PORT: "0",
      // The test reads what it logs about the outage (the suite runs quieter).
      LOG_LEVEL: "info",
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  web.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  web.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => healthStatus(), { timeout: 30_000, message: "web to come up" }).toBe(200);
});

test.afterAll(async () => {
  if (web.exitCode === null) {
    web.kill("SIGTERM");
    await once(web, "exit");
  }
  await proxy.close();
});

async function health(): Promise<{ code: number; body: Health }> {
  const response = await fetch(`${base}/healthz`);
  return { code: response.status, body: (await response.json()) as Health };
}

async function healthStatus(): Promise<number> {
  return health().then(
    (h) => h.code,
    () => 0,
  );
}

test("losing Redis turns /healthz to 503 naming Redis, the web keeps serving, and it recovers by itself", async ({
  page,
}) => {
  await page.goto(base);
  await expect(page.getByTestId("health-redis")).toHaveAttribute("data-status", "up");

  await proxy.close();
  await expect.poll(() => healthStatus(), { timeout: 15_000 }).toBe(503);
  const down = await health();
  expect(down.body.parts.redis.status).toBe("down");
  expect(down.body.parts.postgres.status).toBe("up");
  expect(down.body.parts.worker.status).toBe("unknown");

  // Pages still render while Redis is away, and say what is wrong.
  await page.reload();
  await expect(page.getByTestId("health-redis")).toHaveAttribute("data-status", "down");
  await expect(page.getByRole("heading", { name: /Platform health: degraded/ })).toBeVisible();

  // The outage is logged once, in one line naming Redis (a reconnect attempt has to fail first: wait for it).
  await expect.poll(() => output, { timeout: 15_000 }).toContain("cannot reach Redis at redis://127.0.0.1:");

  // Redis returns: no restart of the web process, and the open page turns green on its own.
  await proxy.open();
  await expect.poll(() => healthStatus(), { timeout: 15_000 }).toBe(200);
  await expect(page.getByTestId("health-redis")).toHaveAttribute("data-status", "up", { timeout: 10_000 });
  expect(web.exitCode, output).toBeNull();
  await expect.poll(() => output, { timeout: 5_000 }).toContain("Redis connection restored");
});
