import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const stored = await hashPassword("kubeclass");
    expect(await verifyPassword("kubeclasS", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("rejects a tampered or malformed stored value", async () => {
    const stored = await hashPassword("kubeclass");
    const parts = stored.split("$");
    const hash = Buffer.from(parts[5] ?? "", "base64");
    hash[0] = (hash[0] ?? 0) ^ 1;
    const tamperedHash = [...parts.slice(0, 5), hash.toString("base64")].join("$");
    const tamperedSalt = [...parts.slice(0, 4), Buffer.alloc(16).toString("base64"), parts[5]].join("$");
    const tamperedCost = ["scrypt", "16384", ...parts.slice(2)].join("$");

    expect(await verifyPassword("kubeclass", tamperedHash)).toBe(false);
    expect(await verifyPassword("kubeclass", tamperedSalt)).toBe(false);
    expect(await verifyPassword("kubeclass", tamperedCost)).toBe(false);
    expect(await verifyPassword("kubeclass", "")).toBe(false);
    expect(await verifyPassword("kubeclass", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("kubeclass", ["scrypt", "3", ...parts.slice(2)].join("$"))).toBe(false);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("kubeclass"), hashPassword("kubeclass")]);
    expect(a).not.toBe(b);
    expect(a?.split("$")[4]).not.toBe(b?.split("$")[4]);
  });
});
