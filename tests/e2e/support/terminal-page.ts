import { expect, type Browser, type Page } from "@playwright/test";

// Drives the browser terminal (components/terminal/terminal-view.tsx) the way a learner does: keys into xterm's
// textarea, and what they see read back from the rows xterm renders. Only the visible rows exist in the DOM, so
// `run` clears the screen first (Ctrl-L, as a learner would) and a command's output is exactly the rows between
// its command line and the next prompt.

const password = "correct horse battery staple";

export type Person = { name: string; email: string; teaches: boolean };

export async function signUp(browser: Browser, who: Person): Promise<Page> {
  // Wide and tall enough that the chapters' output neither wraps nor scrolls off the screen.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto("/signup");
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(password);
  if (who.teaches) await page.getByLabel("I teach a class").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText(who.name);
  return page;
}

/** A fresh classroom; resolves to its invite code. */
export async function createClassroom(teacher: Page, name: string): Promise<string> {
  await teacher.goto("/classrooms");
  await teacher.getByLabel("Classroom name").fill(name);
  await teacher.getByRole("button", { name: "Create classroom" }).click();
  const inviteCode = ((await teacher.getByTestId("invite-code").textContent()) ?? "").trim();
  expect(inviteCode).toMatch(/^[A-Z0-9]{8,}$/);
  return inviteCode;
}

/** Joins with the invite code; resolves to the learner's namespace. */
export async function joinClassroom(learner: Page, inviteCode: string): Promise<string> {
  await learner.goto("/classrooms");
  await learner.getByLabel("Invite code").fill(inviteCode);
  await learner.getByRole("button", { name: "Join classroom" }).click();
  await expect(learner.getByTestId("my-namespace")).toBeVisible();
  return ((await learner.getByTestId("my-namespace").textContent()) ?? "").trim();
}

/** Drops the blank rows under the last text. */
function trimRows(rows: string[]): string[] {
  const out = [...rows];
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

export class TerminalPage {
  private constructor(
    readonly page: Page,
    /** The prompt as shown, without its trailing blank: `lena@kubeclass:~$`. */
    readonly prompt: string,
  ) {}

  /** Opens /terminal and waits for a connected shell at its prompt, with the keyboard focus in the terminal. */
  static async open(page: Page, userName: string): Promise<TerminalPage> {
    await page.goto("/terminal");
    return TerminalPage.attach(page, userName);
  }

  /** The same, for a page already showing a terminal (e.g. a lab page). */
  static async attach(page: Page, userName: string): Promise<TerminalPage> {
    const terminal = new TerminalPage(page, `${userName}@kubeclass:~$`);
    await expect(page.getByTestId("terminal-status")).toBeHidden();
    await expect.poll(() => terminal.rows().then((rows) => rows.some((row) => row === terminal.prompt))).toBe(true);
    await terminal.focus();
    return terminal;
  }

  async focus(): Promise<void> {
    await this.page.locator("[data-testid=terminal] .xterm-helper-textarea").focus();
  }

  /** The visible rows as text, right-trimmed, trailing blank rows dropped. */
  async rows(): Promise<string[]> {
    const rows = await this.page
      .locator("[data-testid=terminal] .xterm-rows > div")
      .evaluateAll((divs) => divs.map((div) => (div.textContent ?? "").replace(/\u00a0/g, " ").trimEnd()));
    return trimRows(rows);
  }

  /** Types text key by key, as a learner would (each key is one xterm input event). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** A key or chord in Playwright's names: "Enter", "Tab", "Control+c", "Control+o". */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Types a line and Enter. */
  async typeLine(line: string): Promise<void> {
    await this.type(line);
    await this.press("Enter");
  }

  /** Ctrl-L: the shell clears the screen and redraws the prompt on the first row. */
  async clear(): Promise<void> {
    await this.press("Control+l");
    await expect.poll(() => this.rows()).toEqual([this.prompt]);
  }

  /** Waits until some visible row matches, and resolves to the rows then. */
  async waitForRow(match: RegExp | string, timeout = 15_000): Promise<string[]> {
    const matches = (row: string) => (typeof match === "string" ? row === match : match.test(row));
    let rows: string[] = [];
    await expect
      .poll(async () => (rows = await this.rows()).some(matches), { message: `a row ${String(match)} on the terminal`, timeout })
      .toBe(true);
    return rows;
  }

  /** Waits for the shell to be back at its prompt after `commandLine`; resolves to the rows between the two. */
  async outputOf(commandLine: string, timeout = 15_000): Promise<string[]> {
    let rows: string[] = [];
    const done = () => rows.length >= 2 && rows[0] === `${this.prompt} ${commandLine}` && rows[rows.length - 1] === this.prompt;
    await expect
      .poll(async () => ((rows = await this.rows()), done()), { message: `the prompt after \`${commandLine}\``, timeout })
      .toBe(true);
    return rows.slice(1, -1);
  }

  /** Clears the screen, runs one command line and resolves to exactly what it printed, row by row. */
  async run(commandLine: string, timeout?: number): Promise<string[]> {
    await this.clear();
    await this.typeLine(commandLine);
    return this.outputOf(commandLine, timeout);
  }

  /** Runs the command until its output contains a row matching `match` (polling, e.g. while pods start). */
  async runUntil(commandLine: string, match: RegExp, timeout = 30_000): Promise<string[]> {
    let output: string[] = [];
    await expect
      .poll(async () => (output = await this.run(commandLine)).some((row) => match.test(row)), {
        message: `\`${commandLine}\` printing a row ${String(match)}`,
        timeout,
        intervals: [500, 1000],
      })
      .toBe(true);
    return output;
  }
}
