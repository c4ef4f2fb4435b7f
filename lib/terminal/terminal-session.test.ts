import { describe, expect, it } from "vitest";
import { readAll, type Program } from "./program";
import { openTestTerminal, settle } from "./test-terminal";

/** A fake kubectl: `apply -f -` echoes the names it reads, `get pods -w` streams until interrupted. */
const received: string[] = [];
const kubectl: Program = async (ctx) => {
  const args = ctx.argv.slice(1).join(" ");
  if (args === "apply -f -") {
    const body = await readAll(ctx.stdin);
    received.push(body);
    for (const m of body.matchAll(/name: (\S+)/g)) ctx.stdout.write(`pod/${m[1]} created\n`);
    return 0;
  }
  if (args === "get pods -w") {
    ctx.stdout.write("NAME   READY   STATUS\nweb    1/1     Running\n");
    await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
    return 130;
  }
  ctx.stdout.write(`kubectl ${args}\n`);
  return 0;
};

describe("terminal session", () => {
  it("shows a coloured prompt and translates program newlines to CRLF", async () => {
    const t = await openTestTerminal();
    expect(t.screen()).toContain("\x1b[01;32mjane@kubeclass\x1b[00m:\x1b[01;34m~\x1b[00m$ ");
    await t.type("echo one; echo two\r");
    await t.waitFor(/\$ $/);
    expect(t.screen()).toContain("one\r\ntwo\r\n");
  });

  it("asks for here-document lines with '> ' and pipes the body into kubectl", async () => {
    const t = await openTestTerminal({ programs: { kubectl } });
    received.length = 0;
    await t.type("cat <<EOF | kubectl apply -f -\r");
    expect(t.take()).toMatch(/\n> $/);
    await t.type("apiVersion: v1\rkind: Pod\rmetadata:\r  name: $USER-pod\rEOF\r");
    const out = await t.waitFor(/pod\/jane-pod created\n.*\$ $/);
    expect(out).toContain("> EOF\n");
    expect(received).toEqual(["apiVersion: v1\nkind: Pod\nmetadata:\n  name: jane-pod\n"]);
    expect(t.history.at(-1)).toBe("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  name: $USER-pod\nEOF");
    await t.type("cat <<END | kubectl apply -f -\rname: early\r\x04");
    const early = await t.waitFor(/\$ $/);
    expect(early).toContain("-bash: warning: here-document delimited by end-of-file (wanted `END')\n");
    expect(early).toContain("pod/early created\n");
  });

  it("continues an unbalanced quote on the next line, and Ctrl-C abandons it", async () => {
    const t = await openTestTerminal();
    await t.type('echo "one\r');
    expect(t.take()).toMatch(/\n> $/);
    await t.type('two"\r');
    expect(await t.waitFor(/\$ $/)).toContain("one\ntwo\n");
    await t.type("echo 'x\r\x03echo ok\r");
    expect(await t.waitFor(/ok\n.*\$ $/)).toContain("^C");
  });

  it("Ctrl-C stops a streaming pipeline, prints ^C and sets $? to 130", async () => {
    const t = await openTestTerminal({ programs: { kubectl } });
    await t.type("kubectl get pods -w | grep web\r");
    await t.waitFor("web    1/1     Running");
    await t.type("\x03");
    expect(await t.waitFor(/\^C\n.*\$ $/)).toMatch(/\^C\n.*\$ $/);
    await t.type("echo $?\r");
    expect(await t.waitFor(/\$ $/)).toContain("130\n");
  });

  it("takes the terminal back from a program that ignores Ctrl-C", async () => {
    const stubborn: Program = () => new Promise(() => undefined);
    const t = await openTestTerminal({ programs: { stubborn } });
    await t.type("stubborn\r");
    await t.type("\x03");
    await t.waitFor(/\^C\n.*\$ $/);
    await t.type("echo ok\r");
    expect(await t.waitFor(/\$ $/)).toContain("ok\n");
  });

  it("completes commands, then the program's completer, then file names", async () => {
    const calls: [string[], string][] = [];
    const t = await openTestTerminal({
      programs: { kubectl },
      completers: {
        kubectl: (words, word) => {
          calls.push([words, word]);
          return Promise.resolve(words.length === 2 ? ["pods", "poddisruptionbudgets", "services"].filter((c) => c.startsWith(word)) : []);
        },
      },
    });
    await t.type("kubec\t");
    expect(t.take()).toContain("kubectl ");
    await t.type("get po\t");
    expect(t.take()).toBe("get pod");
    await t.type("\t");
    const listed = t.take();
    expect(listed).toContain("poddisruptionbudgets  pods");
    expect(listed).toMatch(/\$ kubectl get pod$/);
    expect(calls[0]).toEqual([["kubectl", "get"], "po"]);
    await t.type("\x15");
    await t.fs.writeFile("/home/jane/deploy.yml", "x");
    await t.fs.mkdir("/home/jane/manifests");
    await t.type("k apply -f dep\t");
    expect(t.take()).toContain("deploy.yml ");
    await t.type("\x15cat man\t");
    expect(t.take()).toContain("manifests/");
    await t.type("\x15for i in 1; do kub\t");
    expect(t.take()).toContain("kubectl ");
  });

  it("edits and saves a file in nano, then returns to the prompt", async () => {
    const t = await openTestTerminal();
    await t.fs.writeFile("/home/jane/pod.yml", "kind: Pod\n");
    await t.type("nano pod.yml\r");
    await t.waitFor("GNU nano 7.2");
    expect(t.screen()).toContain("\x1b[?1049h");
    await t.type("\x1b[B# edited\r");
    await t.type("\x0f");
    await t.waitFor("File Name to Write: pod.yml");
    await t.type("\r");
    await t.waitFor("[ Wrote 2 lines ]");
    await t.type("\x18");
    await t.waitFor(/\$ $/);
    expect(await t.fs.readFile("/home/jane/pod.yml")).toBe("kind: Pod\n# edited\n");
    expect(t.screen()).toContain("\x1b[?1049l");
    await t.type("vi new.txt\rhi\x18y\r");
    await t.waitFor(/\$ $/);
    expect(await t.fs.readFile("/home/jane/new.txt")).toBe("hi\n");
  });

  it("loads history, recalls with Up, appends new lines and numbers them", async () => {
    const t = await openTestTerminal({ history: ["kubectl get ns", "ls"] });
    await t.type("\x1b[A\x1b[A\r");
    expect(await t.waitFor(/\$ $/)).toContain("kubectl get ns");
    await t.type("history\r");
    const out = await t.waitFor(/\$ $/);
    expect(out).toContain("    1  kubectl get ns\n    2  ls\n    3  kubectl get ns\n    4  history\n");
    expect(t.history).toEqual(["kubectl get ns", "ls", "kubectl get ns", "history"]);
  });

  it("runs a multi-line paste line by line and gives typeahead to a program reading the terminal", async () => {
    const t = await openTestTerminal();
    await t.type("echo a\recho b\r");
    const out = await t.waitFor(/b\n.*\$ $/);
    expect(out.indexOf("a\n")).toBeLessThan(out.indexOf("echo b"));
    await t.type("cat > notes.txt\rfirst\rsecond\r\x04");
    await t.waitFor(/\$ $/);
    expect(await t.fs.readFile("/home/jane/notes.txt")).toBe("first\nsecond\n");
  });

  it("exit prints logout and starts a fresh shell; commands are reported", async () => {
    const t = await openTestTerminal();
    await t.type("mkdir d; cd d; export X=1\r");
    await t.waitFor("~/d$ ");
    await t.type("exit\r");
    const out = await t.waitFor(/\$ $/);
    expect(out).toContain("logout\n");
    expect(out).toMatch(/jane@kubeclass:~\$ $/);
    await t.type("echo [$X]\r");
    expect(await t.waitFor(/\$ $/)).toContain("[]\n");
    await settle();
    expect(t.commands.slice(0, 2)).toEqual([
      { line: "mkdir d; cd d; export X=1", phase: "start" },
      { line: "mkdir d; cd d; export X=1", phase: "end", exitCode: 0 },
    ]);
  });

  it("Ctrl-R finds an earlier command", async () => {
    const t = await openTestTerminal({ history: ["kubectl get pods -A", "ls"] });
    await t.type("\x12get");
    expect(t.take()).toContain("(reverse-i-search)`get': kubectl get pods -A");
    await t.type("\r");
    expect(await t.waitFor(/\$ $/)).toContain("-bash: kubectl: command not found");
  });

  it("watch redraws the full screen with procps' header until Ctrl-C, following resizes", async () => {
    const t = await openTestTerminal({ programs: { kubectl } });
    await t.type("watch -n 0.05 kubectl get pods\r");
    await t.waitFor(/Every 0\.1s: kubectl get pods +kubeclass: Thu Nov 26 11:29:14 2026\n\nkubectl get pods/);
    t.session.resize(100, 30);
    await t.waitFor(/Every 0\.1s: kubectl get pods {37}kubeclass/);
    expect(t.screen()).toContain("\x1b[?1049h");
    await t.type("\x03");
    await t.waitFor(/\$ $/);
    expect(t.screen()).toContain("\x1b[?1049l");
  });

  it("lists files in columns on the terminal and one per line into a pipe", async () => {
    const t = await openTestTerminal({ columns: 30 });
    for (const name of ["alpha.yml", "beta.yml", "gamma.yml", "delta.yml", "epsilon.yml"]) await t.fs.writeFile(`/home/jane/${name}`, "");
    await t.type("ls\r");
    expect(await t.waitFor(/\$ $/)).toContain("alpha.yml  epsilon.yml\nbeta.yml   gamma.yml\ndelta.yml\n");
    await t.type("ls | head -n 2\r");
    expect(await t.waitFor(/\$ $/)).toContain("alpha.yml\nbeta.yml\n");
  });

  it("wraps a long line at the terminal width and redraws it after history recall", async () => {
    const t = await openTestTerminal({ columns: 20, history: ["echo " + "x".repeat(30)] });
    await t.type("\x1b[A");
    await t.type("\r");
    expect(await t.waitFor(/\$ $/)).toContain("x".repeat(30) + "\n");
  });

  it("starts the prompt on a fresh line after output without a final newline, but not after clear", async () => {
    const t = await openTestTerminal();
    await t.type("echo -n hi\r");
    expect(await t.waitFor(/\$ $/)).toMatch(/\nhi\njane@kubeclass:~\$ $/);
    await t.type("clear\r");
    await t.waitFor(/\$ $/);
    expect(t.screen().endsWith("\x1b[H\x1b[2J\x1b[3J\r\x1b[J\x1b[01;32mjane@kubeclass\x1b[00m:\x1b[01;34m~\x1b[00m$ ")).toBe(true);
  });

  it("gives raw keys to one full-screen program after another", async () => {
    const t = await openTestTerminal();
    await t.type("nano a.txt; nano b.txt\r");
    await t.waitFor("a.txt");
    await t.type("A\x18y\r");
    await t.waitFor("b.txt");
    await t.type("B\x18y\r");
    await t.waitFor(/\$ $/);
    expect([await t.fs.readFile("/home/jane/a.txt"), await t.fs.readFile("/home/jane/b.txt")]).toEqual(["A\n", "B\n"]);
  });
});
