import { describe, expect, it } from "vitest";
import { compileJsonPath, executeJsonPath, selectJsonPath } from "./jsonpath";

const list = {
  kind: "List",
  items: [
    { metadata: { name: "a", labels: { "app.kubernetes.io/name": "web" } }, status: { conditions: [{ type: "Ready", status: "True" }], podIP: "10.0.0.1" }, spec: { containers: [{ name: "c1", image: "nginx" }, { name: "c2", image: "redis" }] } },
    { metadata: { name: "b" }, status: { conditions: [{ type: "Ready", status: "False" }] }, spec: { containers: [{ name: "c1", image: "busybox" }] } },
  ],
};
const run = (template: string, data: unknown = list) => executeJsonPath(compileJsonPath(template), data);

describe("kubectl JSONPath", () => {
  it("joins several results with spaces and keeps literal text", () => {
    expect(run("{.items[*].metadata.name}")).toBe("a b");
    expect(run("names: {.items[*].metadata.name}!")).toBe("names: a b!");
    expect(run("{.kind}")).toBe("List");
  });

  it("ranges with literals", () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[*].image}{"\\n"}{end}')).toBe("a\tnginx redis\nb\tbusybox\n");
  });

  it("filters, indexes, slices and escapes", () => {
    expect(run('{.items[?(@.status.conditions[0].status=="True")].metadata.name}')).toBe("a");
    expect(run('{.items[*].status.conditions[?(@.type=="Ready")].status}')).toBe("True False");
    expect(run("{.items[-1].metadata.name}")).toBe("b");
    expect(run("{.items[0:1].metadata.name}")).toBe("a");
    expect(run("{.items[0].metadata.labels['app.kubernetes.io/name']}")).toBe("web");
    expect(run("{.items[0].metadata.labels.app\\.kubernetes\\.io/name}")).toBe("web");
    expect(run("{.items[?(@.status.podIP)].metadata.name}")).toBe("a");
  });

  it("prints maps and lists as compact JSON, missing keys as nothing, and recursive descent", () => {
    expect(run("{.items[1].spec.containers[0]}")).toBe('{"image":"busybox","name":"c1"}');
    expect(run("{.items[0].nope}|")).toBe("|");
    expect(run("{..image}")).toBe("nginx redis busybox");
    expect(selectJsonPath(".spec.containers[*].name", list.items[0])).toEqual(["c1", "c2"]);
  });

  it("rejects malformed templates", () => {
    expect(() => compileJsonPath("{.items[}")).toThrow("error parsing jsonpath {.items[}, unterminated array");
    expect(() => compileJsonPath("{range .items[*]}")).toThrow(/unclosed range/);
  });
});
