import { describe, expect, it } from "vitest";
import { isDnsLabel } from "./dns-label";
import { learnerNamespaceName } from "./learner-namespace-name";

const name = (classroomSlug: string, email: string, userId = "cmabc123") => learnerNamespaceName({ classroomSlug, email, userId });

describe("learnerNamespaceName", () => {
  it("reads as classroom, person and a short hash", () => {
    expect(name("k8s-101", "jane.doe@example.com")).toMatch(/^k8s-101-jane-doe-[a-z0-9]{6}$/);
  });

  it("is stable for the same user and classroom", () => {
    expect(name("k8s-101", "jane@example.com", "u1")).toBe(name("k8s-101", "jane@example.com", "u1"));
  });

  it("drops a +tag and turns dots, underscores and other punctuation into single dashes", () => {
    expect(name("c", "Jane.Q_Public+k8s@example.com")).toMatch(/^c-jane-q-public-[a-z0-9]{6}$/);
    expect(name("c", "..jane..@example.com")).toMatch(/^c-jane-[a-z0-9]{6}$/);
  });

  it("folds accents and falls back to 'learner' when nothing of the local part is usable", () => {
    expect(name("cours", "José.Müller@example.com")).toMatch(/^cours-jose-muller-[a-z0-9]{6}$/);
    expect(name("cours", "张伟@example.cn")).toMatch(/^cours-learner-[a-z0-9]{6}$/);
    expect(name("", "+@example.com")).toMatch(/^class-learner-[a-z0-9]{6}$/);
  });

  it("stays a DNS label of at most 63 characters for long slugs and local parts", () => {
    const long = name("a-very-long-classroom-slug-that-goes-on", `${"x".repeat(80)}@example.com`);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(isDnsLabel(long)).toBe(true);
    // Cut where a dash would end the part: still no "--" before the hash.
    const cut = name("class", `${"ab-".repeat(30)}@example.com`);
    expect(isDnsLabel(cut)).toBe(true);
    expect(cut).not.toMatch(/--/);
  });

  it("gives different names to two users with the same local part, and an alternative per attempt", () => {
    const a = name("k8s", "jane@a.org", "user-a");
    const b = name("k8s", "jane@b.org", "user-b");
    expect(a).not.toBe(b);
    const input = { classroomSlug: "k8s", email: "jane@a.org", userId: "user-a" };
    const names = new Set([0, 1, 2, 3].map((attempt) => learnerNamespaceName(input, attempt)));
    expect(names.size).toBe(4);
  });

  it("keeps every generated name a valid label across awkward inputs", () => {
    const emails = ["-@x", "a-@x", "Ωmega@x", "😀😀@x", "a".repeat(200) + "@x", "UPPER@x", "x@y@z", "no-at-sign"];
    const slugs = ["k8s", "-", "Ünïcödé-class", "9".repeat(40)];
    for (const email of emails) {
      for (const slug of slugs) {
        const value = name(slug, email, email + slug);
        expect(isDnsLabel(value), `${slug} / ${email} → ${value}`).toBe(true);
      }
    }
  });
});
