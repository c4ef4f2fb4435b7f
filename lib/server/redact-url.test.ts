import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(redactUrl("postgresql://app:s3cret@db:5432/kubeclass")).toBe("postgresql://app:****@db:5432/kubeclass");
  });
  it("leaves a URL without a password alone", () => {
    expect(redactUrl("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });
  it("never echoes an unparseable value, which might be a secret", () => {
    expect(redactUrl("not a url with hunter2")).toBe("<unparseable URL>");
  });
});
