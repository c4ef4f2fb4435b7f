import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./parse-markdown";

describe("parseMarkdown", () => {
  it("splits headings, paragraphs, lists and fenced code", () => {
    const blocks = parseMarkdown("## Scale it\n\nScale `hello-deploy`\nto five.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n```sh\nkubectl get deploy\n  indented\n```\n");
    expect(blocks).toEqual([
      { type: "heading", level: 2, children: [{ type: "text", text: "Scale it" }] },
      { type: "paragraph", children: [{ type: "text", text: "Scale " }, { type: "code", text: "hello-deploy" }, { type: "text", text: " to five." }] },
      { type: "list", ordered: false, items: [[{ type: "text", text: "one" }], [{ type: "text", text: "two continued" }]] },
      { type: "list", ordered: true, items: [[{ type: "text", text: "first" }], [{ type: "text", text: "second" }]] },
      { type: "code", language: "sh", text: "kubectl get deploy\n  indented" },
    ]);
  });

  it("keeps raw HTML as plain text", () => {
    expect(parseMarkdown("<script>alert(1)</script> hi")).toEqual([{ type: "paragraph", children: [{ type: "text", text: "<script>alert(1)</script> hi" }] }]);
  });

  it("renders an unclosed fence as code to the end", () => {
    expect(parseMarkdown("```\nkubectl apply")).toEqual([{ type: "code", language: "", text: "kubectl apply" }]);
  });
});

describe("parseInline", () => {
  it("parses bold, emphasis and links", () => {
    expect(parseInline("**5** replicas, *now*, see [docs](https://kubernetes.io/docs)")).toEqual([
      { type: "strong", children: [{ type: "text", text: "5" }] },
      { type: "text", text: " replicas, " },
      { type: "em", children: [{ type: "text", text: "now" }] },
      { type: "text", text: ", see " },
      { type: "link", href: "https://kubernetes.io/docs", children: [{ type: "text", text: "docs" }] },
    ]);
  });

  it("drops links with unsafe schemes, keeping their text", () => {
    expect(parseInline("[click](javascript:alert(1))")).toEqual([{ type: "text", text: "click" }, { type: "text", text: ")" }]);
    expect(parseInline("[x](//evil.example)")).toEqual([{ type: "text", text: "x" }]);
  });

  it("does not parse markup inside inline code", () => {
    expect(parseInline("`**not bold**`")).toEqual([{ type: "code", text: "**not bold**" }]);
  });
});
