import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTerminalServer, type TerminalServer } from "@/bench/terminal-bench/terminal-server";
import { setUpClass } from "@/bench/terminal-bench/setup-class";
import { plainText, TerminalTab } from "@/bench/terminal-bench/terminal-tab";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { terminalKubectlVersion } from "@/lib/server/terminal/kubectl-deps-for";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { seededRandom, type Random } from "./seeded-random";

// Hostile input over a real socket.io connection to the real /terminal namespace, real shell and kubectl, real
// sign-in check: unknown commands, unbalanced quotes, a 1 MB paste, binary junk, 10,000 keystrokes as separate
// events. The socket must stay connected, each error must be one readable line, and the terminal must still work.
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

let server: TestApiServer;
let prisma: PrismaClient;
let terminal: TerminalServer;
let tab: TerminalTab;
let cookie: string;
let stopping = false;
const random: Random = seededRandom(SEED);

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  const [learner] = await setUpClass(server.running.api, prisma, { learners: 1, podsPerNamespace: 1, prefix: "fuzz" });
  terminal = await startTerminalServer({
    apiUrl: server.url,
    prisma,
    // Commands still ending while the database is dropped at teardown fail to be recorded; only earlier errors count.
    onError: (error, context) => {
      if (!stopping) console.error(`terminal server: ${context}:`, error);
    },
  });
  cookie = await terminal.cookieFor(learner!);
  tab = await TerminalTab.connect(terminal.url, cookie);
  await tab.open(120, 30);
}, 120_000);

afterAll(async () => {
  stopping = true;
  tab?.close();
  await terminal?.stop();
  await prisma?.$disconnect();
  await server?.stop();
});

/** One line a person can read: no line break, no control characters, no stack trace, not absurdly long. */
function expectOneReadableLine(output: string, pattern: RegExp): void {
  const line = output.replace(/\n$/, "");
  expect(line, `seed ${SEED}`).not.toContain("\n");
  // eslint-disable-next-line no-control-regex
  expect(line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  expect(line).not.toMatch(/\bat .+:\d+:\d+\)?$|TypeError|ReferenceError|\[object Object\]|undefined/);
  expect(line.length).toBeLessThan(300);
  expect(line).toMatch(pattern);
}

/**
 * Ctrl-C until the shell shows a fresh prompt, whatever state junk left the line editor in. A second press may be
 * needed, as at a real keyboard: junk ending in a lone ESC (or Ctrl-V) makes the next key part of a sequence.
 */
async function backToPrompt(): Promise<void> {
  for (let press = 1; ; press++) {
    const from = tab.screen.length;
    tab.type("\x03");
    try {
      await tab.waitUntil(() => plainText(tab.screen.slice(from)).endsWith(`\n${tab.prompt}`), press < 3 ? 2_000 : 20_000, `no prompt after Ctrl-C ×${press}`);
      return;
    } catch (error) {
      if (press >= 3) throw error;
    }
  }
}

/** The socket survived and the terminal still runs a builtin and kubectl. */
async function expectStillWorking(): Promise<void> {
  expect(tab.disconnectReason, "the socket disconnected").toBe("");
  expect(tab.socket.connected).toBe(true);
  expect(await tab.run("echo ok")).toBe("ok\n");
  const version = await tab.run("kubectl version --client");
  expect(version.split("\n")[0]).toBe(`Client Version: ${terminalKubectlVersion.gitVersion}`);
}

const letters = (length: number, alphabet = "abcdefghijklmnopqrstuvwxyz") => Array.from({ length }, () => alphabet[random.int(alphabet.length)]).join("");

describe(`the terminal socket under hostile input (seed ${SEED})`, () => {
  it("answers unknown commands with one line each", async () => {
    for (let i = 0; i < 5; i++) {
      const name = `zz${letters(8)}`;
      expectOneReadableLine(await tab.run(name), new RegExp(`^(-?bash: )?${name}: command not found$`));
      expectOneReadableLine(await tab.run(`kubectl ${name}`), new RegExp(`^error: unknown command "${name}" for "kubectl"$`));
      expectOneReadableLine(await tab.run(`kubectl get ${name}`), new RegExp(`^error: the server doesn't have a resource type "${name}"$`));
    }
    await expectStillWorking();
  });

  it("waits for the closing quote like bash, and says so in one line at end of input", async () => {
    const open = [`echo "${letters(6)}`, `echo '${letters(6)}`, `kubectl get pods -l 'app=${letters(3)}`, "echo `x", "echo $(", `echo "a'b`];
    for (const [i, line] of open.entries()) {
      const from = tab.screen.length;
      tab.type(`${line}\r`);
      await tab.waitUntil(() => plainText(tab.screen.slice(from)).endsWith("\n> "), 10_000, `no continuation prompt after ${line}`);
      if (i % 2 === 1) {
        await backToPrompt();
        continue;
      }
      // Ctrl-D on the continuation line: end of input inside the quote.
      const eofFrom = tab.screen.length;
      tab.type("\x04");
      await tab.waitUntil(() => tab.finished(eofFrom) !== undefined, 10_000, `no prompt after Ctrl-D in ${line}`);
      const shown = tab.finished(eofFrom) ?? "";
      expectOneReadableLine(shown.slice(shown.indexOf("\n") + 1, shown.length - tab.prompt.length), /^-?bash: unexpected EOF while looking for matching `.'$/);
    }
    // And a quote closed on the next line is one word across both.
    const word = letters(5);
    const from = tab.screen.length;
    tab.type(`echo '${word}\r`);
    await tab.waitUntil(() => plainText(tab.screen.slice(from)).endsWith("\n> "), 10_000, "no continuation prompt");
    expect(await tab.run(`${word}'`)).toBe(`${word}\n${word}\n`);
    await expectStillWorking();
  });

  it("takes a 1 MB paste in 64 KB pieces, and ignores an oversized input event", async () => {
    // A megabyte pasted into a running `cat > file` (xterm.js sends a paste's line breaks as "\r"), then Ctrl-D.
    const lines = Array.from({ length: 15_625 }, () => letters(63));
    const paste = `${lines.join("\r")}\r`;
    expect(paste.length).toBe(1_000_000);
    const from = tab.screen.length;
    tab.type("cat > pasted.txt\r");
    await tab.waitUntil(() => plainText(tab.screen.slice(from)).endsWith("\n"), 10_000, "cat did not start");
    const started = performance.now();
    tab.type(paste);
    tab.type("\x04");
    await tab.waitUntil(() => tab.finished(from) !== undefined, 60_000, "no prompt after the paste");
    console.log(`1 MB pasted into cat in ${(performance.now() - started).toFixed(0)} ms`);
    expect(await tab.run("wc -c pasted.txt")).toBe("1000000 pasted.txt\n");
    expect(await tab.run("tail -n 2 pasted.txt")).toBe(`${lines.slice(-2).join("\n")}\n`);
    // The same megabyte as a here-document, which the shell itself reads line by line.
    const manifest = lines;
    const heredoc = `cat <<'EOF'\r${manifest.join("\r")}\rEOF\r`;
    const docFrom = tab.screen.length;
    tab.type(heredoc);
    await tab.waitUntil(() => tab.finished(docFrom) !== undefined, 30_000, "no prompt after the here-document");
    const shown = tab.finished(docFrom) ?? "";
    expect(shown.slice(shown.indexOf("\n> EOF\n") + 7, shown.length - tab.prompt.length)).toBe(`${manifest.join("\n")}\n`);
    // One megabyte on one line is more than the shell takes: one line says so.
    const words = Array.from({ length: 131_000 }, () => letters(7)).join(" ");
    expectOneReadableLine(await tab.run(`echo ${words}`, 60_000), /line too long/);
    // Half a paste, then Ctrl-C: the line is dropped.
    tab.type(`echo ${words.slice(0, 300_000)}`);
    await backToPrompt();
    // The page never sends more than 64 KB at once; a client that does is ignored, not disconnected.
    const before = tab.screen.length;
    tab.socket.emit("input", `echo ${"y".repeat(200 * 1024)}\r`);
    await expectStillWorking();
    expect(tab.screen.slice(before)).not.toContain("yyyyyyyyyy");
  }, 120_000);

  it("survives binary junk", async () => {
    for (let round = 0; round < 20; round++) {
      const junk = Array.from({ length: 1 + random.int(2000) }, () => String.fromCharCode(random.int(256))).join("");
      tab.type(junk);
      await backToPrompt().catch((error: Error) => {
        throw new Error(`round ${round}, junk ${JSON.stringify(junk)}: ${error.message}`);
      });
    }
    const shown = plainText(tab.screen);
    expect(shown).not.toMatch(/TypeError|ReferenceError|internal error|\[object Object\]/);
    await expectStillWorking();
  }, 120_000);

  it("keeps 10,000 keystrokes sent as separate events, in order", async () => {
    const word = letters(9_994, "abcdefghijklmnopqrstuvwxyz0123456789");
    const keys = `echo ${word}\r`;
    expect(keys.length).toBe(10_000);
    const from = tab.screen.length;
    const started = performance.now();
    for (const key of keys) tab.socket.emit("input", key);
    await tab.waitUntil(() => tab.finished(from) !== undefined, 60_000, "no prompt after 10,000 keystrokes");
    console.log(`10,000 keystrokes typed and echoed in ${(performance.now() - started).toFixed(0)} ms`);
    const shown = tab.finished(from) ?? "";
    expect(shown.slice(shown.lastIndexOf("\n", shown.length - tab.prompt.length - 2) + 1, shown.length - tab.prompt.length)).toBe(`${word}\n`);
    await expectStillWorking();
  }, 120_000);

  it("signs the same user in again and reaches a working terminal", async () => {
    const second = await TerminalTab.connect(terminal.url, cookie);
    try {
      await second.open(80, 24);
      expect(await second.run("echo again")).toBe("again\n");
    } finally {
      second.close();
    }
    await expectStillWorking();
  });
});
