import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authSecret } from "./auth-secret";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "auth-secret-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the session secret", () => {
  it("is the configured one when set, in any environment", () => {
    const secret = "s".repeat(40);
    expect(authSecret({ NODE_ENV: "production", DATA_DIR: "/nonexistent", AUTH_SECRET: secret })).toBe(secret);
    expect(authSecret({ NODE_ENV: "production", DATA_DIR: "/nonexistent", NEXTAUTH_SECRET: secret })).toBe(secret);
  });

  it("in production without AUTH_SECRET is kept in DATA_DIR like the API's keys, the same on every start", () => {
    const dir = tempDir();
    const first = authSecret({ NODE_ENV: "production", DATA_DIR: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, "auth-secret"), "utf8").trim()).toBe(first);
    expect(authSecret({ NODE_ENV: "production", DATA_DIR: dir })).toBe(first);
  });

  it("elsewhere is made once, kept private in DATA_DIR, and the same on every later start", () => {
    const dir = join(tempDir(), "nested");
    const first = authSecret({ NODE_ENV: "development", DATA_DIR: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, "auth-secret"), "utf8").trim()).toBe(first);
    expect(statSync(join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(authSecret({ NODE_ENV: "test", DATA_DIR: dir })).toBe(first);
    expect(authSecret({ NODE_ENV: "development", DATA_DIR: tempDir() })).not.toBe(first);
  });

  it("refuses a file too short to be a secret, naming it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "auth-secret"), "short\n");
    expect(() => authSecret({ NODE_ENV: "development", DATA_DIR: dir })).toThrow(/auth-secret is empty or too short/);
  });
});
