import { readdir, readFile } from "node:fs/promises";
import type { Lab } from "@/lib/labs/lab-schema";
import { loadLabs } from "@/lib/labs/load-labs";
import { NotFound } from "../platform-errors";

/** The labs the platform offers (files under labs/, read once per process: they change only with a deploy). */
export type LabSource = () => Promise<readonly Lab[]>;

export function labsFromDirectory(dir: string): LabSource {
  let loaded: Promise<readonly Lab[]> | undefined;
  return () => {
    loaded ??= loadLabs(dir, { readFile: (path) => readFile(path, "utf8"), readdir: (path) => readdir(path) }).catch((error: unknown) => {
      // A broken lab file is a deploy mistake: report it on every request until fixed, rather than cache the failure.
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

export async function findLab(source: LabSource, slug: string): Promise<Lab> {
  const lab = (await source()).find((l) => l.slug === slug);
  if (!lab) throw new NotFound(`There is no lab "${slug}".`);
  return lab;
}
