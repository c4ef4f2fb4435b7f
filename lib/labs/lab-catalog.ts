// The list the lab index page and the assignment form show: no step contents.
import type { Lab } from "./lab-schema";

export interface LabCatalogEntry {
  slug: string;
  title: string;
  chapter: { number: number; name: string };
  summary: string;
  estimatedMinutes: number;
  stepCount: number;
  maxScore: number;
}

export function labCatalog(labs: readonly Lab[]): LabCatalogEntry[] {
  return labs.map((lab) => ({
    slug: lab.slug,
    title: lab.title,
    chapter: lab.chapter,
    summary: lab.summary,
    estimatedMinutes: lab.estimatedMinutes,
    stepCount: lab.steps.length,
    maxScore: lab.steps.reduce((sum, step) => sum + step.checks.reduce((s, c) => s + c.points, 0), 0),
  }));
}

export function findLab(labs: readonly Lab[], slug: string): Lab | undefined {
  return labs.find((lab) => lab.slug === slug);
}
