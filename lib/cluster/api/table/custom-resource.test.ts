import { describe, expect, it } from "vitest";
import { docs } from "./descriptions";
import { tableForCustomResource, type PrinterColumn } from "./custom-resource";
import { compileJSONPath, findResults } from "./jsonpath";

const now = new Date("2026-01-01T12:00:00Z");

const book = {
  apiVersion: "nigelpoulton.com/v1",
  kind: "Book",
  metadata: {
    name: "ai-explained",
    namespace: "dev",
    creationTimestamp: "2026-01-01T09:00:00Z",
    labels: { "app.kubernetes.io/name": "library" },
  },
  spec: {
    bookTitle: "AI Explained",
    author: "Nigel Poulton",
    edition: 1,
    price: 19.99,
    discontinued: false,
    tags: ["ai", "intro"],
  },
  status: {
    published: "2024-11-15T00:00:00Z",
    conditions: [
      { type: "Indexed", status: "False" },
      { type: "Ready", status: "True", lastTransitionTime: "2026-01-01T11:59:00Z" },
    ],
  },
};

describe("tableForCustomResource", () => {
  it("without printer columns: NAME and AGE (the CRD default column, a date)", () => {
    const table = tableForCustomResource([], [book], { now, listMeta: { resourceVersion: "812" } });
    expect(table.columnDefinitions).toEqual([
      { name: "Name", type: "string", format: "name", description: docs.name, priority: 0 },
      { name: "Age", type: "date", format: "", description: docs.creationTimestamp, priority: 0 },
    ]);
    expect(table.rows).toEqual([
      {
        cells: ["ai-explained", "3h"],
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: book.metadata },
      },
    ]);
    expect(table.metadata).toEqual({ resourceVersion: "812" });
  });

  it("evaluates additionalPrinterColumns by type, with priority, format and descriptions", () => {
    const columns: PrinterColumn[] = [
      { name: "Title", type: "string", jsonPath: ".spec.bookTitle", description: "The book's title" },
      { name: "Author", type: "string", jsonPath: ".spec.author", format: "name" },
      { name: "Edition", type: "integer", jsonPath: ".spec.edition" },
      { name: "Price", type: "number", jsonPath: ".spec.price", priority: 1 },
      { name: "Discontinued", type: "boolean", jsonPath: ".spec.discontinued", priority: 1 },
      { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: "Published", type: "date", jsonPath: ".status.published" },
      { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
    ];
    const table = tableForCustomResource(columns, [book], { now, includeObject: "Object" });
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ["Name", "string", "name", 0],
      ["Title", "string", "", 0],
      ["Author", "string", "name", 0],
      ["Edition", "integer", "", 0],
      ["Price", "number", "", 1],
      ["Discontinued", "boolean", "", 1],
      ["Ready", "string", "", 0],
      ["Published", "date", "", 0],
      ["Age", "date", "", 0],
    ]);
    expect(table.columnDefinitions[1]?.description).toBe("The book's title");
    expect(table.columnDefinitions[2]?.description).toBe(
      "Custom resource definition column (in JSONPath format): .spec.author",
    );
    expect(table.rows[0]?.cells).toEqual([
      "ai-explained",
      "AI Explained",
      "Nigel Poulton",
      1,
      19.99,
      false,
      "True",
      "412d",
      "3h",
    ]);
    expect(table.rows[0]?.object).toBe(book);
  });

  it("missing values and type mismatches are null (kubectl prints <none>); bad dates are <invalid>", () => {
    const columns: PrinterColumn[] = [
      { name: "Missing", type: "string", jsonPath: ".spec.isbn" },
      { name: "Wrong", type: "integer", jsonPath: ".spec.author" },
      { name: "NotBool", type: "boolean", jsonPath: ".spec.edition" },
      { name: "BadDate", type: "date", jsonPath: ".spec.bookTitle" },
      { name: "DateOnly", type: "date", jsonPath: ".spec.day" },
      { name: "Odd", type: "object", jsonPath: ".spec.author" },
    ];
    const thing = { ...book, spec: { ...book.spec, day: "2024-11-15" } };
    expect(tableForCustomResource(columns, [thing], { now }).rows[0]?.cells).toEqual([
      "ai-explained",
      null,
      null,
      null,
      "<invalid>",
      "<invalid>",
      null,
    ]);
  });

  it("string columns print numbers, booleans and JSON like the JSONPath printer", () => {
    const columns: PrinterColumn[] = [
      { name: "Edition", type: "string", jsonPath: ".spec.edition" },
      { name: "Price", type: "string", jsonPath: ".spec.price" },
      { name: "Discontinued", type: "string", jsonPath: ".spec.discontinued" },
      { name: "Tags", type: "string", jsonPath: ".spec.tags" },
      { name: "FirstTag", type: "string", jsonPath: ".spec.tags[*]" },
      { name: "Labels", type: "string", jsonPath: ".metadata.labels" },
      { name: "App", type: "string", jsonPath: ".metadata.labels.app\\.kubernetes\\.io/name" },
    ];
    expect(tableForCustomResource(columns, [book], { now }).rows[0]?.cells).toEqual([
      "ai-explained",
      "1",
      "19.99",
      "false",
      '["ai","intro"]',
      "ai",
      '{"app.kubernetes.io/name":"library"}',
      "library",
    ]);
  });

  it("integer columns truncate fractional numbers like int64(float64)", () => {
    const columns: PrinterColumn[] = [{ name: "Price", type: "integer", jsonPath: ".spec.price" }];
    expect(tableForCustomResource(columns, [book], { now }).rows[0]?.cells).toEqual(["ai-explained", 19]);
  });

  it("stops at a column whose JSONPath cannot be parsed, as apiextensions does", () => {
    const columns: PrinterColumn[] = [
      { name: "Title", type: "string", jsonPath: ".spec.bookTitle" },
      { name: "Broken", type: "string", jsonPath: ".spec[" },
      { name: "Author", type: "string", jsonPath: ".spec.author" },
    ];
    const table = tableForCustomResource(columns, [book], { now });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Title"]);
    expect(table.rows[0]?.cells).toEqual(["ai-explained", "AI Explained"]);
  });
});

describe("JSONPath-lite", () => {
  const find = (path: string, data: unknown = book) => findResults(compileJSONPath(path), data);

  it("fields, brackets, indexes, slices, wildcards", () => {
    expect(find(".spec.author")).toEqual(["Nigel Poulton"]);
    expect(find("{.spec.author}")).toEqual(["Nigel Poulton"]);
    expect(find(".metadata.labels['app.kubernetes.io/name']")).toEqual(["library"]);
    expect(find('.metadata.labels["app.kubernetes.io/name"]')).toEqual(["library"]);
    expect(find(".spec.tags[0]")).toEqual(["ai"]);
    expect(find(".spec.tags[-1]")).toEqual(["intro"]);
    expect(find(".spec.tags[0:1]")).toEqual(["ai"]);
    expect(find(".spec.tags[*]")).toEqual(["ai", "intro"]);
    expect(find(".status.conditions[*].type")).toEqual(["Indexed", "Ready"]);
    expect(find(".spec.nothing.deeper")).toEqual([]);
    expect(find(".spec.tags[5]")).toEqual([]);
  });

  it("filters", () => {
    expect(find('.status.conditions[?(@.type=="Ready")].status')).toEqual(["True"]);
    expect(find(".status.conditions[?(@.type == 'Indexed')].status")).toEqual(["False"]);
    expect(find('.status.conditions[?(@.type!="Ready")].type')).toEqual(["Indexed"]);
    expect(find(".status.conditions[?(@.lastTransitionTime)].type")).toEqual(["Ready"]);
    expect(find(".items[?(@.n>=2)].n", { items: [{ n: 1 }, { n: 2 }, { n: 3 }] })).toEqual([2, 3]);
  });

  it("rejects what it cannot parse", () => {
    expect(() => compileJSONPath(".spec[")).toThrow();
    expect(() => compileJSONPath(".spec[?(x)]")).toThrow();
    expect(() => compileJSONPath("spec")).toThrow();
  });
});
