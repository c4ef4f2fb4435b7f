// A deliberately tiny Markdown subset for lab instructions: headings, paragraphs, lists, fenced code, and inline
// `code`, **bold**, *emphasis* and [links](url). The output is data (never HTML), so nothing a lab author writes can
// become markup: React escapes every string when it renders these nodes.

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "code"; language: string; text: string };

const fence = /^\s*```\s*([\w+-]*)\s*$/;
const heading = /^(#{1,4})\s+(.*)$/;
const bullet = /^\s*[-*+]\s+(.*)$/;
const numbered = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const open = fence.exec(line);
    if (open) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !fence.test(lines[i] ?? "")) body.push(lines[i++] ?? "");
      i++; // the closing fence (or the end of the text)
      blocks.push({ type: "code", language: open[1] ?? "", text: body.join("\n") });
      continue;
    }
    const h = heading.exec(line);
    if (h) {
      blocks.push({ type: "heading", level: (h[1] ?? "#").length as 1 | 2 | 3 | 4, children: parseInline((h[2] ?? "").trim()) });
      i++;
      continue;
    }
    const listStart = bullet.exec(line) ?? numbered.exec(line);
    if (listStart) {
      const ordered = !bullet.test(line);
      const marker = ordered ? numbered : bullet;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? "";
        const item = marker.exec(current);
        if (item) items.push(item[1] ?? "");
        // An indented line continues the item above it.
        else if (/^\s{2,}\S/.test(current) && items.length > 0) items[items.length - 1] += ` ${current.trim()}`;
        else break;
        i++;
      }
      blocks.push({ type: "list", ordered, items: items.map((text) => parseInline(text.trim())) });
      continue;
    }
    if (line.trim() === "") {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? "";
      if (current.trim() === "" || fence.test(current) || heading.test(current) || bullet.test(current) || numbered.test(current)) break;
      para.push(current.trim());
      i++;
    }
    blocks.push({ type: "paragraph", children: parseInline(para.join(" ")) });
  }
  return blocks;
}

/** Only web and relative links: a `javascript:` (or any other scheme) link is shown as its text alone. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^https?:\/\//i.test(trimmed) || /^(\/(?!\/)|#)/.test(trimmed)) return trimmed;
  return undefined;
}

const inlinePattern = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const at = match.index;
    if (at > last) out.push({ type: "text", text: text.slice(last, at) });
    const [, code, strong, em, label, href] = match;
    if (code !== undefined) out.push({ type: "code", text: code });
    else if (strong !== undefined) out.push({ type: "strong", children: parseInline(strong) });
    else if (em !== undefined) out.push({ type: "em", children: parseInline(em) });
    else if (label !== undefined && href !== undefined) {
      const safe = safeHref(href);
      out.push(safe ? { type: "link", href: safe, children: parseInline(label) } : { type: "text", text: label });
    }
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ type: "text", text: text.slice(last) });
  return out;
}
