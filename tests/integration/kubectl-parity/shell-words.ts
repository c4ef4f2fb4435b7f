// The corpus writes command lines as a learner types them; both clients get the same argv from them.

/** Splits a command line as sh would: '…' literal, "…" with \" and \\ escapes, quotes joining one word. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? "";
    if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) i++;
        word += line[i] ?? "";
      }
    } else if (c === "\\") {
      word = (word ?? "") + (line[++i] ?? "");
    } else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}
