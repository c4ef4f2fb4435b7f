import { describe, expect, it } from "vitest";
import { runLine, testShell } from "../shell-test-kit";

describe("file coreutils", () => {
  it("ls lists names, hidden files with -a, and long format with -l", async () => {
    const shell = await testShell();
    await runLine(shell, "mkdir dir; echo hello > b.txt; touch .hidden");
    expect((await runLine(shell, "ls")).out).toBe("b.txt\ndir\n");
    expect((await runLine(shell, "ls -a -1")).out).toBe(".\n..\n.hidden\nb.txt\ndir\n");
    expect((await runLine(shell, "ls -l")).out).toBe("total 8\n-rw-r--r-- 1 jane jane    6 Nov 26 11:29 b.txt\ndrwxr-xr-x 2 jane jane 4096 Nov 26 11:29 dir\n");
    expect(await runLine(shell, "ls nope")).toEqual({ out: "", err: "ls: cannot access 'nope': No such file or directory\n", status: 2 });
  });

  it("cat, cp, mv, rm, mkdir, touch behave and fail like coreutils", async () => {
    const shell = await testShell();
    expect(await runLine(shell, "cat x")).toEqual({ out: "", err: "cat: x: No such file or directory\n", status: 1 });
    await runLine(shell, "mkdir -p a/b; echo data > a/b/f");
    expect((await runLine(shell, "cat a")).err).toBe("cat: a: Is a directory\n");
    expect((await runLine(shell, "mkdir a")).err).toBe("mkdir: cannot create directory ‘a’: File exists\n");
    expect((await runLine(shell, "cp a c")).err).toBe("cp: -r not specified; omitting directory 'a'\n");
    await runLine(shell, "cp -r a c && mv c/b/f c/b/g && cp c/b/g .");
    expect((await runLine(shell, "cat c/b/g g a/b/f")).out).toBe("data\ndata\ndata\n");
    expect((await runLine(shell, "rm a")).err).toBe("rm: cannot remove 'a': Is a directory\n");
    expect((await runLine(shell, "rm nope")).err).toBe("rm: cannot remove 'nope': No such file or directory\n");
    expect((await runLine(shell, "rm -f nope; rm -r a; ls")).out).toBe("c\ng\n");
    expect((await runLine(shell, "cat -n g")).out).toBe("     1\tdata\n");
  });
});

describe("text coreutils", () => {
  const pods = "web-1 Running 3\ndb-1 Pending 1\nweb-2 Running 10\nweb-2 Running 10\n";

  it("head, tail, wc", async () => {
    const shell = await testShell();
    expect((await runLine(shell, "head -n 2", pods)).out).toBe("web-1 Running 3\ndb-1 Pending 1\n");
    expect((await runLine(shell, "head -1", pods)).out).toBe("web-1 Running 3\n");
    expect((await runLine(shell, "tail -n 1", pods)).out).toBe("web-2 Running 10\n");
    expect((await runLine(shell, "tail -n +4", pods)).out).toBe("web-2 Running 10\n");
    expect((await runLine(shell, "wc -l", pods)).out).toBe("4\n");
    expect((await runLine(shell, "wc", "a b\nc\n")).out).toBe("      2       3       6\n");
    await runLine(shell, "printf 'a b\\nc\\n' > f");
    expect((await runLine(shell, "wc -l f; wc f")).out).toBe("2 f\n2 3 6 f\n");
  });

  it("sort and uniq", async () => {
    const shell = await testShell();
    expect((await runLine(shell, "sort", "b\na\nc\n")).out).toBe("a\nb\nc\n");
    expect((await runLine(shell, "sort -r", "b\na\nc\n")).out).toBe("c\nb\na\n");
    expect((await runLine(shell, "sort -n", "10\n9\n100\n")).out).toBe("9\n10\n100\n");
    expect((await runLine(shell, "sort -u", "b\na\nb\n")).out).toBe("a\nb\n");
    expect((await runLine(shell, "sort -k3 -n", pods)).out.split("\n")[0]).toBe("db-1 Pending 1");
    expect((await runLine(shell, "uniq -c", "a\na\nb\n")).out).toBe("      2 a\n      1 b\n");
  });

  it("grep with -i -v -n -c -E -o and exit 1 on no match", async () => {
    const shell = await testShell();
    expect((await runLine(shell, "grep web", pods)).out).toBe("web-1 Running 3\nweb-2 Running 10\nweb-2 Running 10\n");
    expect((await runLine(shell, "grep -c WEB -i", pods)).out).toBe("3\n");
    expect((await runLine(shell, "grep -v Running", pods)).out).toBe("db-1 Pending 1\n");
    expect((await runLine(shell, "grep -n db", pods)).out).toBe("2:db-1 Pending 1\n");
    expect((await runLine(shell, "grep -E 'db|web-1'", pods)).out).toBe("web-1 Running 3\ndb-1 Pending 1\n");
    expect((await runLine(shell, "grep 'db\\|web-1'", pods)).out).toBe("web-1 Running 3\ndb-1 Pending 1\n");
    expect((await runLine(shell, "grep -o '[0-9]\\+$'", "a 12\nb 7\n")).out).toBe("12\n7\n");
    expect(await runLine(shell, "grep nothing", pods)).toEqual({ out: "", err: "", status: 1 });
    expect((await runLine(shell, "grep x missing")).err).toBe("grep: missing: No such file or directory\n");
  });

  it("cut, tr, base64, tee", async () => {
    const shell = await testShell();
    expect((await runLine(shell, "cut -d ' ' -f 1,3", pods)).out.split("\n")[0]).toBe("web-1 3");
    expect((await runLine(shell, "cut -d: -f2-", "a:b:c\n")).out).toBe("b:c\n");
    expect((await runLine(shell, "tr a-z A-Z", "abc\n")).out).toBe("ABC\n");
    expect((await runLine(shell, "tr -d '\\n'", "a\nb\n")).out).toBe("ab");
    expect((await runLine(shell, "tr -s ' '", "a   b\n")).out).toBe("a b\n");
    expect((await runLine(shell, "echo -n admin | base64")).out).toBe("YWRtaW4=\n");
    expect((await runLine(shell, "echo YWRtaW4= | base64 -d")).out).toBe("admin");
    expect((await runLine(shell, "echo -n é | base64 -w0")).out).toBe("w6k=");
    expect((await runLine(shell, "printf 'x%.0s' $(seq 1 60) | base64")).out).toBe("eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4\n");
    expect((await runLine(shell, "echo '!!' | base64 -d")).err).toBe("base64: invalid input\n");
    expect((await runLine(shell, "echo hi | tee t.txt | tr a-z A-Z; cat t.txt")).out).toBe("HI\nhi\n");
  });

  it("xargs runs a command with stdin's words; less and more just print", async () => {
    const shell = await testShell();
    await runLine(shell, "touch a b c");
    expect((await runLine(shell, "ls | xargs echo rm")).out).toBe("rm a b c\n");
    expect((await runLine(shell, "ls | xargs -n 2 echo")).out).toBe("a b\nc\n");
    expect((await runLine(shell, "ls | xargs -I {} echo file-{}")).out).toBe("file-a\nfile-b\nfile-c\n");
    await runLine(shell, "ls | xargs rm");
    expect((await runLine(shell, "ls")).out).toBe("");
    expect(await runLine(shell, "echo x | xargs nosuch")).toEqual({ out: "", err: "xargs: nosuch: No such file or directory\n", status: 127 });
    expect((await runLine(shell, "echo paged | less")).out).toBe("paged\n");
  });

  it("jq: paths, iteration, -r, keys, length, select", async () => {
    const shell = await testShell();
    const list = JSON.stringify({ kind: "PodList", items: [{ metadata: { name: "web", labels: { app: "web" } }, status: { phase: "Running" } }, { metadata: { name: "db" }, status: { phase: "Pending" } }] });
    expect((await runLine(shell, "jq .kind", list)).out).toBe('"PodList"\n');
    expect((await runLine(shell, "jq -r '.items[].metadata.name'", list)).out).toBe("web\ndb\n");
    expect((await runLine(shell, "jq '.items | length'", list)).out).toBe("2\n");
    expect((await runLine(shell, "jq -c 'keys'", list)).out).toBe('["items","kind"]\n');
    expect((await runLine(shell, "jq '.items[0].metadata'", list)).out).toBe('{\n  "name": "web",\n  "labels": {\n    "app": "web"\n  }\n}\n');
    expect((await runLine(shell, `jq -r '.items[] | select(.status.phase == "Running") | .metadata.name'`, list)).out).toBe("web\n");
    expect((await runLine(shell, "jq -r '.items[].metadata.labels.app // \"none\"'", list)).out).toBe("web\n");
    expect((await runLine(shell, "jq -r '.items[] | .metadata.labels.app // \"none\"'", list)).out).toBe("web\nnone\n");
    expect((await runLine(shell, "jq -c '[.items[] | {n: .metadata.name}]'", list)).out).toBe('[{"n":"web"},{"n":"db"}]\n');
    expect((await runLine(shell, "jq '.kind.x'", list))).toEqual({ out: "", err: 'jq: error (at <stdin>:0): Cannot index string with "x"\n', status: 5 });
    expect((await runLine(shell, "jq .", "{oops")).status).toBe(2);
    expect((await runLine(shell, "jq .", '{"a":1}\n{"a":2}')).out).toBe('{\n  "a": 1\n}\n{\n  "a": 2\n}\n');
  });
});
