import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives localhost defaults on an empty environment", () => {
    const config = parseEnv({});
    expect(config.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/kubeclass");
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(config.PORT).toBe(3000);
    expect(config.MIGRATE_ON_START).toBe(false);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", REDIS_URL: "" }).PORT).toBe(3000);
  });

  it("coerces numbers and flags", () => {
    const config = parseEnv({ PORT: "8080", SEED_DEMO: "yes" });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_DEMO).toBe(true);
  });

  it("names every bad variable in one readable error", () => {
    expect(() => parseEnv({ PORT: "seventy", REDIS_URL: "http://x" })).toThrow(ConfigError);
    try {
      parseEnv({ PORT: "seventy", REDIS_URL: "http://x" });
    } catch (error) {
      expect((error as Error).message).toMatch(/^invalid configuration: /);
      expect((error as Error).message).toContain("PORT");
      expect((error as Error).message).toContain("REDIS_URL: must be a redis:// or rediss:// URL");
    }
  });
});
