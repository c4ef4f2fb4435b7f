import { describe, expect, it } from "vitest";
import { inviteCodeAlphabet, inviteCodeLength, newInviteCode, normalizeInviteCode } from "./invite-code";

describe("invite codes", () => {
  it("are 10 characters of an alphabet without look-alikes", () => {
    let i = 0;
    const code = newInviteCode((n) => i++ % n);
    expect(code).toHaveLength(inviteCodeLength);
    expect(code).toBe("ABCDEFGHJK");
    for (const c of "01OIL") expect(inviteCodeAlphabet).not.toContain(c);
  });

  it("are read back from what people type or paste", () => {
    expect(normalizeInviteCode(" abcd-efgh-jk ")).toBe("ABCDEFGHJK");
    expect(normalizeInviteCode("https://class.example/join/ABCD-EFGHJK")).toBe("ABCDEFGHJK");
    expect(normalizeInviteCode("https://class.example/classrooms/join?code=abcdefghjk")).toBe("ABCDEFGHJK");
  });
});

describe("normalizeInviteCode with broken input", () => {
  it("keeps a malformed %-escape as typed instead of throwing", () => {
    expect(normalizeInviteCode("AB%E0%A4CD")).toBe("AB%E0%A4CD");
    expect(normalizeInviteCode("https://class.example/join/AB%ZZCD")).toBe("AB%ZZCD");
  });
});
