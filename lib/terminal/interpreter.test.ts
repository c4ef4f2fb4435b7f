import { describe, expect, it } from "vitest";
import { readAll, type Program } from "./program";
import { runLine, testShell } from "./shell-test-kit";

describe("interpreter", () => {
  it("runs pipelines, lists and sets $?", async () => {
    const shell = await testShell();
    expect(await runLine(shell, "echo b; echo a | tr a-z A-Z")).toEqual({ out: "b\nA\n", err: "", status: 0 });
    expect((await runLine(shell, "false && echo no || echo yes; echo $?")).out).toBe("yes\n0\n");
    expect((await runLine(shell, "nosuch arg")).status).toBe(127);
    expect((await runLine(shell, "nosuch")).err).toBe("-bash: nosuch: command not found\n");
    expect((await runLine(shell, "nosuch; echo $?")).out).toBe("127\n");
    expect((await runLine(shell, "! true; echo $?")).out).toBe("1\n");
    expect(await runLine(shell, "echo 'x")).toEqual({ out: "", err: "-bash: unexpected EOF while looking for matching `''\n", status: 2 });
  });

  it("expands variables, ~, $(…) and globs, and splits unquoted expansions", async () => {
    const shell = await testShell();
    await runLine(shell, "export NAME='a  b' EMPTY=");
    expect((await runLine(shell, `printf '[%s]' $NAME "$NAME" $EMPTY "$EMPTY" ~ \${MISSING:-dflt}`)).out).toBe("[a][b][a  b][][/home/jane][dflt]");
    expect((await runLine(shell, "echo $(echo hi | tr a-z A-Z)-`echo x`")).out).toBe("HI-x\n");
    const deep = await runLine(shell, "echo " + "$(echo ".repeat(200) + "x" + ")".repeat(200));
    expect(deep.err).toBe("-bash: command substitution: nested too deeply\n");
    await runLine(shell, "touch b.yaml a.yaml c.txt");
    expect((await runLine(shell, "echo *.yaml; echo '*.yaml'; echo nomatch*")).out).toBe("a.yaml b.yaml\n*.yaml\nnomatch*\n");
    expect((await runLine(shell, "FOO=bar env | grep FOO; echo [$FOO]")).out).toBe("FOO=bar\n[]\n");
    expect((await runLine(shell, "echo {1..3} x{a,b}y {c..a} '{1..2}' {01..03} {1..}")).out).toBe("1 2 3 xay xby c b a {1..2} 01 02 03 {1..}\n");
    expect((await runLine(shell, "mkdir -p d/{web,db} && ls d")).out).toBe("db\nweb\n");
  });

  it("redirects output, input and stderr", async () => {
    const shell = await testShell();
    await runLine(shell, "echo one > f.txt; echo two >> f.txt");
    expect((await runLine(shell, "cat < f.txt")).out).toBe("one\ntwo\n");
    expect(await runLine(shell, "cat missing 2> err.txt; cat err.txt")).toMatchObject({ out: "cat: missing: No such file or directory\n" });
    expect((await runLine(shell, "cat missing > both.txt 2>&1; cat both.txt")).out).toBe("cat: missing: No such file or directory\n");
    expect((await runLine(shell, "echo x > nodir/f")).err).toBe("-bash: nodir/f: No such file or directory\n");
    expect((await runLine(shell, "cat missing 2>/dev/null; echo $?")).out).toBe("1\n");
  });

  it("feeds here-documents, expanding unless the delimiter is quoted", async () => {
    const shell = await testShell();
    await runLine(shell, "export APP=web");
    expect((await runLine(shell, "cat <<EOF | grep name\nkind: Pod\nname: $APP\nEOF")).out).toBe("name: web\n");
    expect((await runLine(shell, "cat <<'EOF'\n$APP\nEOF")).out).toBe("$APP\n");
    expect((await runLine(shell, "base64 -d <<< YWRtaW4=; tr a-z A-Z <<< \"$APP\"")).out).toBe("adminWEB\n");
  });

  it("keeps builtins' state in the shell, not in pipeline stages", async () => {
    const shell = await testShell();
    await runLine(shell, "mkdir -p k8s/pods && cd k8s");
    expect(shell.cwd).toBe("/home/jane/k8s");
    expect((await runLine(shell, "cd pods | true; pwd")).out).toBe("/home/jane/k8s\n");
    expect((await runLine(shell, "cd /nope")).err).toBe("-bash: cd: /nope: No such file or directory\n");
    expect((await runLine(shell, "cd - && cd ~ && pwd")).out).toBe("/home/jane\n/home/jane\n");
    await runLine(shell, "export A=1; unset A");
    expect((await runLine(shell, "echo [$A]")).out).toBe("[]\n");
  });

  it("has aliases (k=kubectl by default), type and which", async () => {
    const kubectl: Program = (ctx) => (ctx.stdout.write(`kubectl ${ctx.argv.slice(1).join(" ")}\n`), Promise.resolve(0));
    const shell = await testShell({ kubectl });
    expect((await runLine(shell, "k get pods")).out).toBe("kubectl get pods\n");
    expect((await runLine(shell, "alias kgp='kubectl get pods'; kgp -A")).out).toBe("kubectl get pods -A\n");
    expect((await runLine(shell, "type k cd kubectl ls")).out).toBe("k is aliased to `kubectl'\ncd is a shell builtin\nkubectl is /usr/local/bin/kubectl\nls is /usr/bin/ls\n");
    expect(await runLine(shell, "which kubectl cd")).toEqual({ out: "/usr/local/bin/kubectl\n", err: "", status: 1 });
    expect((await runLine(shell, "unalias k; k")).status).toBe(127);
  });

  it("echo -n/-e, printf, history and exit", async () => {
    const shell = await testShell();
    expect((await runLine(shell, "echo -n a; echo -e 'b\\tc\\n'")).out).toBe("ab\tc\n\n");
    expect((await runLine(shell, "printf '%s=%d\\n' a 1 b 2")).out).toBe("a=1\nb=2\n");
    shell.history.push("ls", "kubectl get pods");
    expect((await runLine(shell, "history")).out).toBe("    1  ls\n    2  kubectl get pods\n");
    const exit = await runLine(shell, "exit");
    expect([exit.err, shell.exitRequested]).toEqual(["logout\n", true]);
  });

  it("streams through pipes while the writer still runs", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const watcher: Program = async (ctx) => {
      ctx.stdout.write("web-1 Running\ndb-1 Running\n");
      await gate;
      ctx.stdout.write("web-2 Pending\n");
      return 0;
    };
    const spy: Program = async (ctx) => {
      for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
        seen.push(chunk);
        if (seen.length === 1) release();
      }
      return 0;
    };
    const shell = await testShell({ watcher, spy });
    await runLine(shell, "watcher | grep web | spy");
    expect(seen.join("")).toBe("web-1 Running\nweb-2 Pending\n");
    expect(seen[0]).toBe("web-1 Running\n");
  });

  it("stops the writer when the reader is done (head)", async () => {
    let aborted = false;
    const forever: Program = async (ctx) => {
      for (let i = 0; !ctx.signal.aborted; i++) {
        ctx.stdout.write(`line ${i}\n`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      aborted = true;
      return 0;
    };
    const shell = await testShell({ forever });
    expect((await runLine(shell, "forever | head -n 2")).out).toBe("line 0\nline 1\n");
    expect(aborted).toBe(true);
  });

  it("reports a program's escaped exception as one line", async () => {
    const broken: Program = () => Promise.reject(new Error("boom\nsecond line"));
    const shell = await testShell({ broken, cat: (ctx) => readAll(ctx.stdin).then(() => 0) });
    expect(await runLine(shell, "broken")).toEqual({ out: "", err: "broken: boom\n", status: 1 });
  });

  it("runs for, while/until and if, with test and [", async () => {
    const shell = await testShell();
    expect((await runLine(shell, "for i in a b c; do echo $i; done | tr -d '\\n'")).out).toBe("abc");
    expect((await runLine(shell, "for f in $(seq 1 3)\ndo\n  echo n$f\ndone")).out).toBe("n1\nn2\nn3\n");
    expect((await runLine(shell, "export N=0; until [ $N -ge 3 ]; do export N=$(echo $N | tr 012 123); done; echo $N")).out).toBe("3\n");
    expect((await runLine(shell, "touch f; if [ -f f ]; then echo file; elif true; then echo no; else echo never; fi")).out).toBe("file\n");
    expect((await runLine(shell, "if test -d f; then echo dir; else echo notdir; fi > out; cat out")).out).toBe("notdir\n");
    expect((await runLine(shell, "[ a = b ]; echo $?; [ 1 -lt 2 ]; echo $?; [ ! -z x ]; echo $?")).out).toBe("1\n0\n0\n");
    expect((await runLine(shell, "[ 1 -lt 2")).err).toBe("-bash: [: missing `]'\n");
    expect((await runLine(shell, "done")).err).toBe("-bash: syntax error near unexpected token `done'\n");
    expect((await runLine(shell, "echo done fi")).out).toBe("done fi\n");
  });

  it("stops an endless while loop on Ctrl-C (the signal)", async () => {
    const shell = await testShell();
    const controller = new AbortController();
    let lines = 0;
    const out = { write: (text: string) => (lines += text.split("\n").length - 1) };
    setTimeout(() => controller.abort(), 30);
    const status = await shell.run("while true; do echo y; done", { stdin: { read: () => Promise.resolve(null) }, stdout: out, stderr: out, signal: controller.signal });
    expect(status).toBe(130);
    expect(lines).toBeGreaterThan(0);
  });
});
