// Reads labs/*/lab.yaml through an injected reader (the server passes node:fs/promises), validates them and
// inlines step Markdown, starter files and setup files, so a loaded Lab needs no further file access.
import { parse, parseAllDocuments } from "yaml";
import { formatIssues, labFileSchema, type Lab, type LabStep } from "./lab-schema";
import type { Check } from "./check-schema";

export interface LabFileReader {
  readFile(path: string, encoding: "utf8"): Promise<string>;
  readdir(path: string): Promise<string[]>;
}

export class LabLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "LabLoadError";
  }
}

const join = (...parts: string[]): string => parts.filter(Boolean).join("/").replace(/\/+/g, "/");

async function readOptional(reader: LabFileReader, path: string): Promise<string | undefined> {
  try {
    return await reader.readFile(path, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT" || (err as { code?: string }).code === "ENOTDIR") return undefined;
    throw err;
  }
}

/** Loads one lab directory; returns problems instead of throwing so all labs are reported at once. */
export async function loadLab(root: string, dir: string, reader: LabFileReader): Promise<{ lab?: Lab; problems: string[] }> {
  const file = join(root, dir, "lab.yaml");
  const text = await readOptional(reader, file);
  if (text === undefined) return { problems: [] };
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    return { problems: [`${file}: ${(err as Error).message.split("\n")[0]}`] };
  }
  const parsed = labFileSchema.safeParse(raw);
  if (!parsed.success) return { problems: formatIssues(file, parsed.error) };

  const problems: string[] = [];
  const need = async (path: string, field: string): Promise<string> => {
    const content = await readOptional(reader, join(root, path));
    if (content === undefined) problems.push(`${file}: ${field}: file ${path} not found under ${root}`);
    return content ?? "";
  };
  const steps: LabStep[] = [];
  for (const [s, step] of parsed.data.steps.entries()) {
    let instructions = step.instructions;
    if (instructions === undefined) {
      instructions = await readOptional(reader, join(root, dir, "steps", `${step.id}.md`));
      if (instructions === undefined)
        problems.push(`${file}: steps[${s}].instructions: missing (and no steps/${step.id}.md)`);
    }
    const starterFiles: { path: string; content: string }[] = [];
    for (const [f, sf] of step.starterFiles.entries()) {
      const content = "content" in sf ? sf.content : await need(sf.from, `steps[${s}].starterFiles[${f}].from`);
      starterFiles.push({ path: sf.path, content });
    }
    const objects: Record<string, unknown>[] = [...(step.setup?.objects ?? [])];
    for (const [f, path] of (step.setup?.files ?? []).entries()) {
      const field = `steps[${s}].setup.files[${f}]`;
      const yamlText = await need(path, field);
      for (const doc of parseAllDocuments(yamlText)) {
        const obj: unknown = doc.toJS();
        if (obj === null || obj === undefined) continue;
        const meta = (obj as { metadata?: Record<string, unknown> }).metadata;
        if (meta && "namespace" in meta) problems.push(`${file}: ${field}: ${path} names a namespace; setup goes to the learner's`);
        objects.push(obj as Record<string, unknown>);
      }
    }
    steps.push({
      ...step,
      instructions: instructions ?? "",
      starterFiles,
      setup: { objects },
      checks: step.checks as (Check & { id: string })[],
    });
  }
  if (problems.length > 0) return { problems };
  return { lab: { ...parsed.data, dir, steps }, problems };
}

/** All labs under `root`, sorted by chapter then slug. Throws LabLoadError listing every problem. */
export async function loadLabs(root: string, reader: LabFileReader): Promise<Lab[]> {
  const dirs = (await reader.readdir(root)).sort();
  const labs: Lab[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    const result = await loadLab(root, dir, reader);
    problems.push(...result.problems);
    if (result.lab) labs.push(result.lab);
  }
  const seen = new Map<string, string>();
  for (const lab of labs) {
    const other = seen.get(lab.slug);
    if (other) problems.push(`${join(root, lab.dir, "lab.yaml")}: slug: "${lab.slug}" is also used by ${other}`);
    seen.set(lab.slug, lab.dir);
  }
  if (problems.length > 0) throw new LabLoadError(problems);
  return labs.sort((a, b) => a.chapter.number - b.chapter.number || a.slug.localeCompare(b.slug));
}
