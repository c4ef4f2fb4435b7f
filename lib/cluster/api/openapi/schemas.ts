/** Finding definitions: by the kind they describe, and everything a set of definitions refers to. */
import type { GroupVersionKind, SchemaModel } from "./definition-model";
import { type PathModel, TEXT_BODY } from "./operations";
import { compareCodePoints } from "./sort-keys";

export type Definitions = ReadonlyMap<string, SchemaModel>;

const gvkKey = (gvk: GroupVersionKind) => `${gvk.group}/${gvk.version}/${gvk.kind}`;

/** A lookup from GVK to the name of the definition carrying it in `x-kubernetes-group-version-kind`. */
export function definitionsByKind(definitions: Definitions): (gvk: GroupVersionKind) => string | undefined {
  const index = new Map<string, string>();
  for (const [name, schema] of definitions) {
    for (const gvk of schema["x-kubernetes-group-version-kind"] ?? []) index.set(gvkKey(gvk), name);
  }
  return (gvk) => index.get(gvkKey(gvk));
}

function visitRefs(schema: SchemaModel, visit: (ref: string) => void): void {
  if (schema.$ref) visit(schema.$ref);
  if (schema.items) visitRefs(schema.items, visit);
  if (schema.additionalProperties) visitRefs(schema.additionalProperties, visit);
  for (const property of Object.values(schema.properties ?? {})) visitRefs(property, visit);
}

/** `roots` and every definition they refer to, transitively, sorted. Throws on a name that is not defined. */
export function referencedDefinitions(definitions: Definitions, roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    const schema = definitions.get(name);
    if (!schema) throw new Error(`OpenAPI: no definition named ${name}`);
    seen.add(name);
    visitRefs(schema, (ref) => pending.push(ref));
  }
  return [...seen].sort(compareCodePoints);
}

/** The definitions a set of paths needs: every body and response, plus what they refer to. */
export function pathDefinitions(
  definitions: Definitions,
  paths: readonly PathModel[],
  extra: readonly string[] = [],
): string[] {
  const roots = new Set(extra);
  for (const path of paths) {
    for (const op of path.operations) {
      if (op.body) roots.add(op.body.definition);
      for (const definition of Object.values(op.responses)) if (definition !== TEXT_BODY) roots.add(definition);
    }
  }
  return referencedDefinitions(definitions, roots);
}
