import { describe, expect, it } from "vitest";
import { unreachableMessage } from "./unreachable";

describe("unreachableMessage", () => {
  it("names the service, the redacted URL, the cause and the fix on one line", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6390"), { code: "ECONNREFUSED" });
    const line = unreachableMessage("Redis", "redis://:pw@127.0.0.1:6390", cause);
    expect(line).toBe(
      "cannot reach Redis at redis://:****@127.0.0.1:6390 (connect ECONNREFUSED 127.0.0.1:6390) — " +
        "start it with `docker compose up -d redis` or point REDIS_URL at a running server",
    );
    expect(line).not.toContain("\n");
  });

  it("unwraps the first error of an AggregateError (Node's dual-stack connect failures)", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" });
    const line = unreachableMessage("Postgres", "postgresql://postgres@localhost:5432/x", new AggregateError([inner]));
    expect(line).toContain("(connect ECONNREFUSED ::1:5432)");
    expect(line).toContain("DATABASE_URL");
  });
});
