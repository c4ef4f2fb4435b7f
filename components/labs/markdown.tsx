import type { ReactNode } from "react";
import { parseMarkdown, type Inline } from "./parse-markdown";

/** Lab instructions as React elements: every string is escaped by React, and there is no raw-HTML path. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((block, i) => {
        switch (block.type) {
          case "heading": {
            // Step titles are h3 on the lab page, so the instructions' own headings sit below them.
            const Tag = (["h4", "h4", "h5", "h6"] as const)[block.level - 1] ?? "h6";
            return <Tag key={i}>{inlines(block.children)}</Tag>;
          }
          case "paragraph":
            return <p key={i}>{inlines(block.children)}</p>;
          case "list": {
            const items = block.items.map((item, j) => <li key={j}>{inlines(item)}</li>);
            return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
          }
          case "code":
            return (
              <pre key={i} className="code">
                <code>{block.text}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}

function inlines(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "code":
        return <code key={i}>{node.text}</code>;
      case "strong":
        return <strong key={i}>{inlines(node.children)}</strong>;
      case "em":
        return <em key={i}>{inlines(node.children)}</em>;
      case "link":
        return (
          <a key={i} href={node.href} rel="noopener noreferrer" target={node.href.startsWith("http") ? "_blank" : undefined}>
            {inlines(node.children)}
          </a>
        );
    }
  });
}
