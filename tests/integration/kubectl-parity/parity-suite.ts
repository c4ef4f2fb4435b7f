import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ParityCluster } from "./parity-cluster";
import { runEntry, type Outcome, type ParityEntry } from "./parity-entry";
import { percent, writeReportSection } from "./parity-report";

export type Chapter = { chapter: string; entries: ParityEntry[] };

/** The share of the corpus that must be identical once normalised (the terminal's kubectl done-means). */
export const requiredIdentical = 0.95;

/**
 * Registers one test per corpus entry, in order (later entries read the state earlier ones made), and a last
 * test for the identical fraction. An entry that differs fails unless `known` lists it with a reason; every run
 * rewrites this suite's section of the parity report, mismatches and diffs included.
 */
export function defineParitySuite(suite: string, parity: ParityCluster, chapters: Chapter[], known: Record<string, string>): void {
  const outcomes: Outcome[] = [];
  const all = chapters.flatMap((c) => c.entries);

  describe.sequential(suite, () => {
    it("names each known difference by a command line that occurs exactly once (the table is keyed by it)", () => {
      // A command may recur (the same `get pods` before and after a change); only known differences need a unique key.
      expect(Object.keys(known).filter((cmd) => all.filter((e) => e.cmd === cmd).length !== 1)).toEqual([]);
    });

    for (const { chapter, entries } of chapters) {
      describe.sequential(chapter, () => {
        for (const entry of entries) {
          it(`kubectl ${entry.cmd}`, async () => {
            const outcome = await runEntry(parity, entry);
            outcomes.push(outcome);
            if (!outcome.identical && known[entry.cmd] === undefined) {
              expect.fail(`kubectl ${entry.cmd} differs from real kubectl (real in ${parity.real.namespace}, ours in ${parity.ours.namespace}):\n${outcome.diff}`);
            }
          });
        }
      });
    }

    it(`is at least ${requiredIdentical * 100}% identical to real kubectl`, () => {
      const identical = outcomes.filter((o) => o.identical).length;
      expect(outcomes.length, "every corpus entry ran").toBe(all.length);
      expect(identical / all.length, `${identical}/${all.length} identical (${percent(identical, all.length)})`).toBeGreaterThanOrEqual(requiredIdentical);
    });
  });

  afterAll(() => {
    writeReportSection(suite, outcomes, known);
    // KUBECTL_PARITY_RAW=<dir>: every outcome unmasked, for looking into a mismatch the short diff does not explain.
    const rawDir = process.env.KUBECTL_PARITY_RAW;
    if (rawDir) writeFileSync(join(rawDir, `${suite.replace(/\W+/g, "-")}.json`), JSON.stringify(outcomes.map(({ entry, real, ours }) => ({ cmd: entry.cmd, real, ours })), null, 2));
  });
}
