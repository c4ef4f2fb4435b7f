// Builds a one-step Lab around a YAML list of checks, through the real loader, for engine tests.
import type { Lab } from "../lab-schema";
import { loadLabs } from "../load-labs";
import { memoryReader } from "./memory-reader";

export async function labFromChecks(checksYaml: string): Promise<Lab> {
  const indented = checksYaml.trim().split("\n").map((l) => `      ${l}`).join("\n");
  const yaml = `slug: test-lab
title: Test lab
chapter: { number: 1, name: Testing }
summary: A lab for tests.
objectives: [Test]
estimatedMinutes: 5
steps:
  - id: only
    title: The only step
    instructions: Do it.
    checks:
${indented}
`;
  const labs = await loadLabs("labs", memoryReader({ "labs/01-test/lab.yaml": yaml }));
  return labs[0]!;
}
