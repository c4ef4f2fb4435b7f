import { toDnsLabelPart } from "./dns-label";

/** Slugs stay short so a learner's namespace (slug + person + hash) keeps room for the person. */
export const maxSlugLength = 24;

/** A classroom's slug from its name ("Kubernetes 101 — Autumn" → "kubernetes-101-autumn"); "class" if none is left. */
export function classroomSlug(name: string): string {
  return toDnsLabelPart(name, maxSlugLength) || "class";
}

/** The `n`th alternative when the slug is taken (n ≥ 2): `k8s-2`, cutting the base so the whole stays short. */
export function numberedSlug(slug: string, n: number): string {
  const suffix = `-${n}`;
  return `${slug.slice(0, maxSlugLength - suffix.length).replace(/-+$/, "")}${suffix}`;
}
