import { describe, expect, it } from "vitest";
import { isDnsLabel } from "./dns-label";
import { classroomSlug, maxSlugLength, numberedSlug } from "./classroom-slug";

describe("classroom slugs", () => {
  it("come from the name as a short DNS label", () => {
    expect(classroomSlug("Kubernetes 101 — Autumn")).toBe("kubernetes-101-autumn");
    expect(classroomSlug("Écoles numériques: Kubernetes en pratique")).toBe("ecoles-numeriques-kubern");
    expect(classroomSlug("!!!")).toBe("class");
    expect(classroomSlug("x".repeat(100)).length).toBe(maxSlugLength);
  });

  it("number alternatives without growing past the limit", () => {
    expect(numberedSlug("k8s", 2)).toBe("k8s-2");
    const long = numberedSlug("abcdefghijklmnopqrstu-wx", 12);
    expect(long).toBe("abcdefghijklmnopqrstu-12");
    expect(isDnsLabel(numberedSlug("abcdefghijklmnopqrstuvw-", 3))).toBe(true);
  });
});
