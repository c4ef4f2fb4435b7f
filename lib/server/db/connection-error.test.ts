import { describe, expect, it } from "vitest";
import { describeDatabaseError, isConnectionError } from "./connection-error";

// Shaped like what Prisma 7 + @prisma/adapter-pg throw (observed against a closed port).
function prismaError(cause: Record<string, unknown>): Error {
  return Object.assign(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `x`"), {
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });
}

describe("describeDatabaseError", () => {
  it("turns an unreachable server into one line with host and port", () => {
    expect(describeDatabaseError(prismaError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 }))).toBe(
      "no database server answers at 127.0.0.1:1",
    );
  });

  it("names a missing database and a failed login", () => {
    expect(describeDatabaseError(prismaError({ kind: "DatabaseDoesNotExist", db: "kc" }))).toBe(
      'database "kc" does not exist',
    );
    expect(describeDatabaseError(prismaError({ kind: "AuthenticationFailed", user: "app" }))).toBe(
      'authentication failed for user "app"',
    );
  });

  it("falls back to the quoted driver message, then to nothing", () => {
    expect(describeDatabaseError(new Error("Raw query failed. Message: `boom`"))).toBe("boom");
    expect(describeDatabaseError(new Error("plain"))).toBeUndefined();
  });
});

describe("isConnectionError", () => {
  it("knows network failures from refusals", () => {
    expect(isConnectionError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("x"), { code: "28P01" }))).toBe(false);
  });
});
