/**
 * Reads kubernetes-types' declaration files with the TypeScript compiler API and turns every exported
 * interface and type alias of the GA API groups into a definition in Kubernetes' OpenAPI naming. The
 * declarations carry the field names, optionality (→ `required`), nesting and the Go doc comments as JSDoc,
 * which become `description`. What they lose (integer widths, IntOrString, Time's format) is put back from
 * small tables of facts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { DefinitionsFile, GroupVersionKind, SchemaModel } from "../../lib/cluster/api/openapi/definition-model";
import { sortKeysDeep } from "../../lib/cluster/api/openapi/sort-keys";
import { numberFormats } from "./number-formats";
import { INT_OR_STRING, intOrString, missingProperties, specialDefinitions } from "./supplements";

/** Declaration files (relative to the package root, without `.d.ts`) whose package is not `io.k8s.api.<g>.<v>`. */
const specialPackages: Record<string, string> = {
  "meta/v1": "io.k8s.apimachinery.pkg.apis.meta.v1",
  runtime: "io.k8s.apimachinery.pkg.runtime",
  "api/resource": "io.k8s.apimachinery.pkg.api.resource",
  version: "io.k8s.apimachinery.pkg.version",
  "apiextensions/v1": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
};

export function packageOfFile(relativePath: string): string {
  const rel = relativePath.replace(/\.d\.ts$/, "").split(path.sep).join("/");
  const special = specialPackages[rel];
  if (special) return special;
  const [group, version] = rel.split("/");
  if (!group || !version) throw new Error(`no OpenAPI package for kubernetes-types/${rel}.d.ts`);
  return `io.k8s.api.${group}.${version}`;
}

/** GA declaration files: `<group>/v<N>.d.ts` plus the apimachinery ones (alpha and beta versions are left out). */
export function declarationFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".d.ts")) {
        const rel = path.relative(root, full).replace(/\.d\.ts$/, "").split(path.sep).join("/");
        if (rel in specialPackages || /^[a-z]+\/v\d+$/.test(rel)) files.push(full);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** The text of the JSDoc comment right before `node`, without the comment markers. */
function jsDocText(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => source.text.startsWith("/**", r.pos)).at(-1);
  if (!last) return undefined;
  const body = source.text.slice(last.pos + 3, last.end - 2);
  const lines = body.split("\n").map((line) => line.replace(/^\s*\* ?/, "").trimEnd());
  while (lines.length > 0 && lines[0]?.trim() === "") lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();
  const text = lines.join("\n").trim();
  return text === "" ? undefined : text;
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unsupported property name ${name.getText()}`);
}

export function readDeclarations(root: string): DefinitionsFile {
  const files = declarationFiles(root);
  const definitions: Record<string, SchemaModel> = { [INT_OR_STRING]: intOrString };
  const numberFieldsSeen = new Set<string>();
  // Parsing alone is enough (no type checker): the files refer to each other only through named imports.
  let refName: (typeName: ts.EntityName) => string = () => "";

  const schemaOf = (node: ts.TypeNode, owner: string, field: string): SchemaModel => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: "string" };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: "boolean" };
      case ts.SyntaxKind.NumberKeyword: {
        const format = numberFormats[owner]?.[field];
        numberFieldsSeen.add(`${owner}.${field}`);
        if (format === "double") return { type: "number", format: "double" };
        return { type: "integer", format: format ?? "int32" };
      }
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: "string" };
    if (ts.isArrayTypeNode(node)) return { type: "array", items: schemaOf(node.elementType, owner, field) };
    if (ts.isUnionTypeNode(node)) {
      const kinds = new Set(node.types.map((t) => t.kind));
      if (node.types.length === 2 && kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword)) {
        return { $ref: INT_OR_STRING };
      }
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      const [arg] = node.typeArguments ?? [];
      if (name === "Array" && arg) return { type: "array", items: schemaOf(arg, owner, field) };
      return { $ref: refName(node.typeName) };
    }
    if (ts.isTypeLiteralNode(node)) {
      const [index] = node.members;
      if (node.members.length === 1 && index && ts.isIndexSignatureDeclaration(index)) {
        return { type: "object", additionalProperties: schemaOf(index.type, owner, field) };
      }
    }
    throw new Error(`unsupported type \`${node.getText()}\` at ${owner}.${field}`);
  };

  const gvkOf = (members: ts.NodeArray<ts.TypeElement>): GroupVersionKind | undefined => {
    const literal = (name: string) => {
      const member = members.find((m) => ts.isPropertySignature(m) && m.name.getText() === name);
      const type = member && ts.isPropertySignature(member) ? member.type : undefined;
      return type && ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) ? type.literal.text : undefined;
    };
    const apiVersion = literal("apiVersion");
    const kind = literal("kind");
    if (!apiVersion || !kind) return undefined;
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    return { group: group ?? "", version: version ?? "", kind };
  };

  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const pkg = packageOfFile(path.relative(root, file));
    const imported = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const from = packageOfFile(path.relative(root, path.resolve(path.dirname(file), statement.moduleSpecifier.text)));
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) throw new Error(`unsupported import in ${file}`);
      for (const element of bindings.elements) imported.set(element.name.text, `${from}.${(element.propertyName ?? element.name).text}`);
    }
    refName = (typeName) => {
      if (!ts.isIdentifier(typeName)) throw new Error(`unsupported type name ${typeName.getText()} in ${file}`);
      return imported.get(typeName.text) ?? `${pkg}.${typeName.text}`;
    };
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) continue;
      const name = `${pkg}.${statement.name.text}`;
      const description = jsDocText(statement, source);
      const special = specialDefinitions[name];
      let schema: SchemaModel;
      if (special) {
        schema = { ...special };
      } else if (ts.isTypeAliasDeclaration(statement)) {
        if (statement.type.kind !== ts.SyntaxKind.StringKeyword) throw new Error(`unsupported alias ${name}`);
        schema = { type: "string" };
      } else {
        schema = { type: "object" };
        const properties: Record<string, SchemaModel> = {};
        const required: string[] = [];
        for (const member of statement.members) {
          if (!ts.isPropertySignature(member) || !member.type) throw new Error(`unsupported member in ${name}`);
          const field = propertyName(member.name);
          const fieldDescription = jsDocText(member, source);
          const schema = schemaOf(member.type, name, field);
          if (fieldDescription) schema.description = fieldDescription;
          properties[field] = schema;
          if (!member.questionToken) required.push(field);
        }
        for (const [field, extra] of Object.entries(missingProperties[name] ?? {})) properties[field] ??= extra;
        // An empty struct is an object of any shape; `properties: {}` would make it a closed one.
        if (Object.keys(properties).length > 0) schema.properties = properties;
        if (required.length > 0) schema.required = required.sort();
        const gvk = gvkOf(statement.members);
        if (gvk) schema["x-kubernetes-group-version-kind"] = [gvk];
      }
      if (description) schema.description = description;
      definitions[name] = schema;
    }
  }

  for (const [owner, fields] of Object.entries(numberFormats)) {
    for (const field of Object.keys(fields)) {
      const name = `${owner}.${field}`;
      if (!numberFieldsSeen.has(name)) throw new Error(`number-formats.ts: ${name} is not a number field`);
    }
  }

  for (const name of [...Object.keys(specialDefinitions), ...Object.keys(missingProperties)]) {
    if (!definitions[name]) throw new Error(`supplements.ts: no declaration for ${name}`);
  }
  const checkRefs = (schema: SchemaModel, where: string): void => {
    if (schema.$ref && !definitions[schema.$ref]) throw new Error(`${where} refers to ${schema.$ref}, which is not declared`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) checkRefs(sub, `${where}.${key}`);
    if (schema.items) checkRefs(schema.items, where);
    if (schema.additionalProperties) checkRefs(schema.additionalProperties, where);
  };
  for (const [name, schema] of Object.entries(definitions)) checkRefs(schema, name);

  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  return sortKeysDeep({ source: { package: "kubernetes-types", version }, definitions });
}
