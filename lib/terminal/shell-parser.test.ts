import { describe, expect, it } from "vitest";
import { parseShell } from "./shell-parser";
import type { Script, Word } from "./shell-syntax";

function script(source: string): Script {
  const result = parseShell(source);
  if (!result.ok) throw new Error(result.message);
  return result.script;
}

/** Words flattened to text, for readable assertions. */
function flat(word: Word): string {
  return word.map((p) => (p.kind === "text" ? p.text : p.kind === "param" ? `<$${p.name}>` : p.kind === "tilde" ? "<~>" : `<$(${p.source})>`)).join("");
}

function words(source: string): string[][] {
  return script(source).flatMap((list) => [list.first, ...list.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands.map((c) => c.words.map(flat)));
}

describe("parseShell", () => {
  it("splits words and honours quotes and backslashes", () => {
    expect(words(`echo  'a b' "c d" e\\ f g"h"'i'`)).toEqual([["echo", "a b", "c d", "e f", "ghi"]]);
    expect(words(`echo "say \\"hi\\" \\$x \\n"`)).toEqual([["echo", 'say "hi" $x \\n']]);
    expect(words(`echo ''`)).toEqual([["echo", ""]]);
  });

  it("finds expansions outside single quotes only", () => {
    expect(words(`echo $HOME "\${USER}x" '$NOT' $? ~/k8s $(kubectl get ns) \`date\``)).toEqual([
      ["echo", "<$HOME>", "<$USER>x", "$NOT", "<$?>", "<~>/k8s", "<$(kubectl get ns)>", "<$(date)>"],
    ]);
    expect(words(`echo a$ $`)).toEqual([["echo", "a$", "$"]]);
  });

  it("parses pipelines, lists and operators", () => {
    const [first, second] = script("kubectl get pods | grep web && echo yes || echo no; ls");
    expect(first!.first.commands).toHaveLength(2);
    expect(first!.rest.map((r) => r.op)).toEqual(["&&", "||"]);
    expect(second!.first.commands[0]!.words.map(flat)).toEqual(["ls"]);
  });

  it("parses redirections and assignments", () => {
    const [list] = script("NS=dev FOO='a b' kubectl get pods >out.txt 2>&1 <in 2>>err");
    const cmd = list!.first.commands[0]!;
    expect(cmd.assignments.map((a) => [a.name, flat(a.value)])).toEqual([["NS", "dev"], ["FOO", "a b"]]);
    expect(cmd.words.map(flat)).toEqual(["kubectl", "get", "pods"]);
    expect(cmd.redirects.map((r) => [r.fd, r.op])).toEqual([[1, ">"], [2, "dup"], [0, "<"], [2, ">>"]]);
  });

  it("reads here-document bodies after the line, expanding unless the delimiter is quoted", () => {
    const [list] = script("cat <<EOF | kubectl apply -f -\nname: $NAME\nliteral: \\$x\nEOF\necho done");
    const heredoc = list!.first.commands[0]!.redirects[0]!;
    expect(heredoc.op).toBe("heredoc");
    if (heredoc.op !== "heredoc") return;
    expect(flat(heredoc.body)).toBe("name: <$NAME>\nliteral: $x\n");
    expect(words("cat <<EOF | kubectl apply -f -\nx\nEOF\necho done")[2]).toEqual(["echo", "done"]);
    const [quoted] = script("cat <<'EOF'\n$HOME\nEOF");
    const q = quoted!.first.commands[0]!.redirects[0]!;
    expect(q.op === "heredoc" && flat(q.body)).toBe("$HOME\n");
    const [dash] = script("cat <<-END\n\t\tindented\n\tEND");
    const d = dash!.first.commands[0]!.redirects[0]!;
    expect(d.op === "heredoc" && flat(d.body)).toBe("indented\n");
  });

  it("reports incomplete input so the shell can ask for more", () => {
    for (const source of [`echo "abc`, "echo 'x", "cat <<EOF\nline", "kubectl get pods |", "true &&", "echo \\"]) {
      const result = parseShell(source);
      expect(result.ok, source).toBe(false);
      expect(!result.ok && result.incomplete, source).toBe(true);
    }
    const quote = parseShell(`echo "abc`);
    expect(!quote.ok && quote.message).toBe("-bash: unexpected EOF while looking for matching `\"'");
  });

  it("reports syntax errors like bash", () => {
    expect(parseShell("| grep x")).toEqual({ ok: false, incomplete: false, message: "-bash: syntax error near unexpected token `|'" });
    expect(parseShell("echo >")).toMatchObject({ incomplete: false, message: "-bash: syntax error near unexpected token `newline'" });
    expect(parseShell("ls ;; ls")).toMatchObject({ incomplete: false, message: "-bash: syntax error near unexpected token `;;'" });
  });

  it("ignores comments and empty lines", () => {
    expect(words("# just a comment\n\necho hi # trailing")).toEqual([["echo", "hi"]]);
    expect(script("   ")).toEqual([]);
  });

  it("parses compound commands and asks for more while one is open", () => {
    const [list] = script("for i in a $B; do echo $i; done > out");
    const cmd = list!.first.commands[0]!;
    expect(cmd.compound?.kind).toBe("for");
    expect(cmd.redirects.map((r) => r.op)).toEqual([">"]);
    if (cmd.compound?.kind === "for") expect(cmd.compound.words.map(flat)).toEqual(["a", "<$B>"]);
    for (const source of ["for i in a b; do", "while true\ndo echo", "if true; then echo x; else"]) {
      expect(parseShell(source), source).toMatchObject({ ok: false, incomplete: true });
    }
    expect(parseShell("if true; then fi")).toMatchObject({ incomplete: false, message: "-bash: syntax error near unexpected token `fi'" });
  });
});
