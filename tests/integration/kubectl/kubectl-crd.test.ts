import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { kubectl, kubectlBinary, succeeded, writeManifest } from "../../support/kubectl";

// The Kubernetes Book's API chapter with real kubectl, the oldest and newest we have: a CRD, custom objects,
// printer columns, describe, explain, patch, validation, RBAC and deleting the CRD. Each version uses its own
// group and namespace so the two runs cannot mask each other.
const versions = [21, 35] as const;

let server: TestApiServer;
let admin: TestUser;
let learner: TestUser;
let dir: string;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@crd.test", "ADMIN");
  learner = await server.user("learner@crd.test", "LEARNER");
  dir = join(admin.kubeconfig, "..");
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const manifest = (name: string, text: string) => writeManifest(dir, name, text);
const ok = succeeded;

const crd = (group: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: books.${group}
spec:
  group: ${group}
  scope: Namespaced
  names:
    plural: books
    singular: book
    kind: Book
    shortNames:
    - bk
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A book, as The Kubernetes Book defines it.
        properties:
          spec:
            type: object
            required: [bookTitle]
            properties:
              bookTitle:
                type: string
                description: The book's title.
              topic:
                type: string
                enum: [kubernetes, ai, docker]
              edition:
                type: integer
                minimum: 1
                default: 1
              salesUrl:
                type: string
              copies:
                type: integer
          status:
            type: object
            properties:
              copies:
                type: integer
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.copies
        statusReplicasPath: .status.copies
    additionalPrinterColumns:
    - name: Title
      type: string
      description: Title of the book
      jsonPath: .spec.bookTitle
    - name: Subject
      type: string
      jsonPath: .spec.topic
    - name: Edition
      type: integer
      jsonPath: .spec.edition
`;

describe.each(versions)("kubectl v1.%i with custom resources", (minor) => {
  const ns = `crd-${minor}`;
  const group = `k${minor}.nigelpoulton.com`;
  let bin: string;
  const k = (args: string[], options?: Parameters<typeof kubectl>[3]) => kubectl(bin, admin.kubeconfig, args, options);
  const book = (name: string, spec: string) =>
    manifest(`${name}-${minor}.yaml`, `apiVersion: ${group}/v1\nkind: Book\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`);

  beforeAll(async () => {
    bin = kubectlBinary(minor);
    ok(await k(["create", "namespace", ns]));
  });

  it("applies a CRD and waits for it to be established", async () => {
    expect(ok(await k(["apply", "-f", manifest(`crd-${minor}.yaml`, crd(group))]))).toContain(
      `customresourcedefinition.apiextensions.k8s.io/books.${group} created`,
    );
    expect(ok(await k(["wait", "--for", "condition=established", `crd/books.${group}`, "--timeout=20s"]))).toContain("condition met");
    expect(ok(await k(["get", "crd", `books.${group}`])).split("\n")[0]).toMatch(/^NAME\s+CREATED AT$/);
    expect(ok(await k(["api-resources", "--api-group", group]))).toMatch(new RegExp(`^books\\s+bk\\s+${group.replace(/\./g, "\\.")}/v1\\s+true\\s+Book$`, "m"));
  });

  it("applies custom objects and gets them with the printer columns, as YAML, and described", async () => {
    expect(ok(await k(["apply", "-f", book("ai", "  bookTitle: AI Explained\n  topic: ai\n")]))).toContain(`book.${group}/ai created`);
    const table = ok(await k(["-n", ns, "get", "books"]));
    expect(table.split("\n")[0]).toMatch(/^NAME\s+TITLE\s+SUBJECT\s+EDITION$/);
    expect(table).toMatch(/^ai\s+AI Explained\s+ai\s+1$/m);
    expect(ok(await k(["-n", ns, "get", "bk", "-o", "name"])).trim()).toBe(`book.${group}/ai`);
    const yaml = ok(await k(["-n", ns, "get", "book", "ai", "-o", "yaml"]));
    expect(yaml).toMatch(new RegExp(`^apiVersion: ${group.replace(/\./g, "\\.")}/v1$`, "m"));
    expect(yaml).toMatch(/^kind: Book$/m);
    expect(yaml).toMatch(/^ {2}edition: 1$/m);
    expect(yaml).toMatch(/^ {2}generation: 1$/m);
    const described = ok(await k(["-n", ns, "describe", "book", "ai"]));
    expect(described).toMatch(/^Name:\s+ai$/m);
    expect(described).toMatch(/^Kind:\s+Book$/m);
    expect(described).toMatch(/^\s+Book Title:\s+AI Explained$/m);
  });

  it("re-applies a changed object, and scales through /scale", async () => {
    expect(ok(await k(["apply", "-f", book("ai", "  bookTitle: AI Explained\n  topic: ai\n  salesUrl: https://example.com/ai\n")]))).toContain(
      `book.${group}/ai configured`,
    );
    expect(ok(await k(["-n", ns, "scale", "book", "ai", "--replicas=3"]))).toContain(`book.${group}/ai scaled`);
    expect(ok(await k(["-n", ns, "get", "book", "ai", "-o", "jsonpath={.spec.salesUrl} {.spec.copies} {.metadata.generation}"]))).toBe(
      "https://example.com/ai 3 3",
    );
  });

  it("explains the kind and its fields from the published schema", async () => {
    // kubectl caches discovery and the OpenAPI documents; the new type must show in both.
    const kind = ok(await k(["explain", "books"]));
    expect(kind).toMatch(/KIND:\s+Book/);
    expect(kind).toMatch(/A book, as The Kubernetes Book defines it\./);
    const spec = ok(await k(["explain", "books.spec"]));
    expect(spec).toMatch(/bookTitle\s+<string>/);
    expect(spec).toMatch(/The book's title\./);
    expect(spec).toMatch(/edition\s+<integer>/);
  });

  it("patches with --type merge, and bumps the generation", async () => {
    expect(ok(await k(["-n", ns, "patch", "book", "ai", "--type", "merge", "-p", '{"spec":{"edition":2}}']))).toContain(`book.${group}/ai patched`);
    expect(ok(await k(["-n", ns, "get", "book", "ai", "-o", "jsonpath={.spec.edition} {.metadata.generation}"]))).toBe("2 4");
    // Without --type, kubectl sends a strategic merge patch, which custom resources do not take.
    const strategic = await k(["-n", ns, "patch", "book", "ai", "-p", '{"spec":{"edition":3}}']);
    expect(strategic.code).not.toBe(0);
    // kubectl 1.21 prints the server's 415; newer ones say it in their own words.
    expect(strategic.stderr).toMatch(
      minor === 21
        ? /^Error from server \(UnsupportedMediaType\): the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/apply-patch\+yaml$/m
        : /application\/strategic-merge-patch\+json is not supported by .*Kind=Book/,
    );
  });

  it("rejects an unknown field under default validation", async () => {
    const result = await k(["apply", "-f", book("extra", "  bookTitle: Extra\n  pages: 300\n")]);
    expect(result.code).not.toBe(0);
    // kubectl 1.21 validates against /openapi/v2 itself; newer ones ask the server to (fieldValidation=Strict).
    expect(result.stderr).toMatch(
      minor === 21
        ? /ValidationError\(Book\.spec\): unknown field "pages" in com\.nigelpoulton\.k21\.v1\.Book\.spec/
        : /Book in version "v1" cannot be handled as a Book: strict decoding error: unknown field "spec\.pages"/,
    );
  });

  it("prints the server's line for an invalid object", async () => {
    const result = await k(["apply", "-f", book("bad", "  bookTitle: Bad\n  topic: cooking\n")]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`The Book "bad" is invalid: spec.topic: Unsupported value: "cooking": supported values: "kubernetes", "ai", "docker"`);
  });

  it("authorises by group and resource, as auth can-i shows", async () => {
    const resource = `books.${group}`;
    expect(ok(await k(["auth", "can-i", "create", resource, "-n", ns])).trim()).toBe("yes");
    const asLearner = (args: string[]) => kubectl(bin, learner.kubeconfig, args);
    expect((await asLearner(["auth", "can-i", "create", resource, "-n", ns])).stdout.trim()).toBe("no");
    ok(await k(["-n", ns, "create", "role", "book-writer", "--verb=create,get,list", `--resource=${resource}`]));
    ok(await k(["-n", ns, "create", "rolebinding", "book-writers", "--role=book-writer", `--user=${learner.email}`]));
    expect(ok(await asLearner(["auth", "can-i", "create", resource, "-n", ns])).trim()).toBe("yes");
    expect((await asLearner(["auth", "can-i", "delete", resource, "-n", ns])).stdout.trim()).toBe("no");
  });

  it("deletes the CRD, and its objects and type with it", async () => {
    expect(ok(await k(["delete", "crd", `books.${group}`]))).toContain(`customresourcedefinition.apiextensions.k8s.io "books.${group}" deleted`);
    const after = await k(["-n", ns, "get", `books.${group}`]);
    expect(after.code).not.toBe(0);
    expect(after.stderr.trim()).toBe(`error: the server doesn't have a resource type "books"`);
    const rows = await server.pool.query(`select count(*)::int as n from cluster_objects where "group" = $1`, [group]);
    expect(rows.rows[0]).toEqual({ n: 0 });
  });
});
