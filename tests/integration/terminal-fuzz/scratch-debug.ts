import { startTerminalServer } from "@/bench/terminal-bench/terminal-server";
import { setUpClass } from "@/bench/terminal-bench/setup-class";
import { benchShell } from "@/bench/terminal-bench/shell";
import { plainText, TerminalTab } from "@/bench/terminal-bench/terminal-tab";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { startTestApiServer } from "../../support/api-server";

const server = await startTestApiServer();
const prisma = createPrismaClient(server.databaseUrl);
const [learner] = await setUpClass(server.running.api, prisma, { learners: 1, podsPerNamespace: 1, prefix: "fuzz" });
const terminal = await startTerminalServer({ api: server.running.api, apiUrl: server.url, prisma, openSession: benchShell });
const tab = await TerminalTab.connect(terminal.url, await terminal.cookieFor(learner!));
await tab.open(120, 30);
for (const line of [`echo "abc\r\x04`]) {
  const from = tab.screen.length;
  tab.type(`${line}\r`);
  await new Promise((r) => setTimeout(r, 1500));
  console.log(JSON.stringify(line), "→", JSON.stringify(tab.screen.slice(from)), "\n   plain:", JSON.stringify(plainText(tab.screen.slice(from))));
  tab.type("\x03");
  await new Promise((r) => setTimeout(r, 300));
}
tab.close();
await terminal.stop();
await prisma.$disconnect();
await server.stop();
