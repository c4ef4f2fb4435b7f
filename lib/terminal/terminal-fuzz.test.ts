import { describe, expect, it } from "vitest";
import type { Program } from "./program";
import { openTestTerminal, plain, settle, type TestTerminal } from "./test-terminal";

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  "echo hi", 'echo "', "echo '", "cat <<EOF", "cat <<'X'", "EOF", "|", "||", "&&", ";", ";;", "$(", "${", "`", "\\", "$?", "~",
  "ls -la", "ls nope", "cat nofile", "grep -E '(' x", "jq '.['", "jq .", "sort -n", "wc -l", "head -n 2", "cut -d: -f2", "tr a-z A-Z",
  "base64 -d", "k get pods", "kubectl get pods -w", "nano f.txt", "vi", "watch -n 0.1 ls", "sleep 0.01", "sleep 5", "cat", "tail -f x",
  "cd /", "cd ~", "mkdir -p a/b", "rm -rf a", "touch f", "export A=1", "unset A", "alias x=y", "history", "clear", "exit", "type k",
  "> out", "2>&1", "< nofile", "<<<", "!", "#", "(", ")", "{", "}", "*", "?", "[",
  "for i in 1 2; do", "while true; do", "until false; do", "if [ -f x ]; then", "else", "elif", "then", "fi", "do", "done", "[ 1 -lt", "test -z",
  "xargs echo", "| less",
];
const KEYS = ["\r", "\n", "\t", "\x03", "\x04", "\x12", "\x7f", "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[3~", "\x1b", "\x1b[", "\x1bO", "\x0b", "\x15", "\x17", "\x0c", "\x0f", "\x18", "\x19", "\x01", "\x05"];

function junk(random: () => number): string {
  const pick = random();
  if (pick < 0.3) return SNIPPETS[Math.floor(random() * SNIPPETS.length)]! + " ";
  if (pick < 0.6) return KEYS[Math.floor(random() * KEYS.length)]!;
  if (pick < 0.8) return String.fromCharCode(...Array.from({ length: 1 + Math.floor(random() * 8) }, () => 32 + Math.floor(random() * 95)));
  if (pick < 0.95) return String.fromCharCode(...Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)));
  // Lone surrogates and other odd UTF-16.
  return String.fromCharCode(0xd800 + Math.floor(random() * 0x800), Math.floor(random() * 0x10000));
}

/** Gets out of whatever the junk started: a program (^C), nano's prompts and buffer (^C ^X n), a half line (^C). */
async function recover(t: TestTerminal): Promise<void> {
  for (const data of ["\x03", "\x03", "\x18", "n", "\x03", "\x18", "n", "\x03"]) {
    t.session.input(data);
    await settle();
  }
}

async function expectUsable(t: TestTerminal): Promise<void> {
  await recover(t);
  t.take();
  t.session.input("echo ok\r");
  const out = await t.waitFor(/\nok\n(.|\n)*\$ $/, 3000);
  expect(out).toContain("ok");
}

/** No JavaScript failure may leak to the screen. */
function expectNoLeaks(screen: string): void {
  expect(screen).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(screen).not.toMatch(/TypeError|RangeError|ReferenceError|internal error|\[object Object\]/);
}

const fakeKubectl: Program = async (ctx) => {
  if (ctx.argv.includes("-w")) {
    await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
    return 130;
  }
  ctx.stdout.write("NAME   READY\n");
  return 0;
};

describe("terminal fuzz", () => {
  it("survives random keystrokes, snippets, control bytes and binary junk (seeded)", async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = prng(seed);
      const t = await openTestTerminal({ programs: { kubectl: fakeKubectl } });
      for (let step = 0; step < 150; step++) {
        let data = "";
        const pieces = 1 + Math.floor(random() * 4);
        for (let i = 0; i < pieces; i++) data += junk(random);
        expect(() => t.session.input(data), `seed ${seed} step ${step}`).not.toThrow();
        if (random() < 0.2) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await expectUsable(t);
      expectNoLeaks(plain(t.screen()));
      t.session.close();
    }
  }, 60_000);

  it("answers each kind of mistake with exactly one line", async () => {
    const t = await openTestTerminal();
    const cases: [string, string][] = [
      ["nosuch --flag", "-bash: nosuch: command not found"],
      ["cat nofile", "cat: nofile: No such file or directory"],
      ["ls nofile", "ls: cannot access 'nofile': No such file or directory"],
      ["| grep x", "-bash: syntax error near unexpected token `|'"],
      ["cd /nope", "-bash: cd: /nope: No such file or directory"],
      ["jq '.['", "jq: error: syntax error, unexpected end of file at <top-level>, line 1:"],
      ["echo hi > /nodir/x", "-bash: /nodir/x: No such file or directory"],
      ["sleep abc", "sleep: invalid time interval 'abc'"],
      ["grep -Q x", "grep: invalid option -- 'Q'"],
      ["echo ${a", "-bash: unexpected EOF while looking for matching `}'"],
    ];
    for (const [line, message] of cases) {
      t.take();
      await t.type(line + "\r");
      if (line === "echo ${a") await t.type("\x04");
      const out = await t.waitFor(/\$ $/);
      const lines = out.split("\n");
      // The echoed command (and a continuation prompt for the unbalanced brace), the error, the prompt.
      expect(lines.filter((l) => l.includes(message)), line).toHaveLength(1);
      expect(lines.slice(-2, -1), line).toEqual([message]);
    }
  });

  it("refuses a 1 MB single-line paste with one line and stays usable", async () => {
    const t = await openTestTerminal();
    const started = performance.now();
    t.session.input("x".repeat(1024 * 1024) + "\r");
    const out = await t.waitFor(/\$ $/);
    expect(out.match(/-bash: line too long/g)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2000);
    await expectUsable(t);
  });

  it("runs a 1 MB multi-line paste line by line", async () => {
    const t = await openTestTerminal();
    const lines = Array.from({ length: 2000 }, (_, i) => `nosuch${i} ${"y".repeat(500)}`);
    t.session.input(lines.join("\r") + "\r");
    const out = await t.waitFor(/nosuch1999: command not found\n.*\$ $/, 20_000);
    expect(out.match(/command not found/g)).toHaveLength(2000);
    await expectUsable(t);
  }, 30_000);

  it("takes 10,000 rapid keystrokes without growing the output quadratically", async () => {
    const t = await openTestTerminal();
    const random = prng(42);
    let written = 0;
    t.session.onOutput((data) => (written += data.length));
    for (let i = 0; i < 10_000; i++) {
      const r = random();
      t.session.input(r < 0.9 ? String.fromCharCode(97 + Math.floor(random() * 26)) : r < 0.95 ? "\x1b[D" : "\x7f");
    }
    await settle();
    expect(written).toBeLessThan(5_000_000);
    await expectUsable(t);
  });

  it("keeps working after close() is called mid-command, and input after close is ignored", async () => {
    const t = await openTestTerminal({ programs: { kubectl: fakeKubectl } });
    t.session.input("kubectl get pods -w\r");
    await settle();
    t.session.close();
    expect(() => t.session.input("echo after\r")).not.toThrow();
    await settle();
    expect(plain(t.screen())).not.toContain("after");
  });

  it("takes an 800 KB here-document paste quickly", async () => {
    const t = await openTestTerminal();
    const body = Array.from({ length: 15_000 }, (_, i) => `  key${i}: ${"v".repeat(40)}`);
    const started = performance.now();
    t.session.input(["cat <<EOF | wc -l", ...body, "EOF", ""].join("\r"));
    const out = await t.waitFor(/\n15000\n.*\$ $/, 10_000);
    expect(out).toContain("> EOF");
    expect(performance.now() - started).toBeLessThan(5000);
  }, 15_000);
});
