import { expect, type Locator, type Page } from "@playwright/test";

// Drives the lab page (app/labs/[slug]): choosing a step, pressing its Check button and reading what came back.

export class LabPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, slug: string, title: string): Promise<LabPage> {
    await page.goto(`/labs/${slug}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    return new LabPage(page);
  }

  /** Selects a step in the step list by its title. */
  async chooseStep(title: string): Promise<void> {
    await this.page.getByRole("navigation", { name: "Steps" }).getByRole("button", { name: new RegExp(title) }).click();
    await expect(this.page.getByRole("heading", { level: 2, name: new RegExp(`Step \\d+: ${title}`) })).toBeVisible();
  }

  /** Presses Check and waits for this press's verdict; resolves to the result rows as text. */
  async check(): Promise<{ passed: boolean; results: string[] }> {
    const box = this.page.getByTestId("check-results");
    const verdict = box.locator("p").first();
    const answers = Number(await box.getAttribute("data-answers"));
    await this.page.getByRole("button", { name: "Check", exact: true }).click();
    // data-answers counts the answers shown, so this waits for this press's answer, not the previous one.
    await expect(box).toHaveAttribute("data-answers", String(answers + 1));
    return { passed: (await verdict.textContent()) === "Step passed.", results: await this.results().allInnerTexts() };
  }

  results(): Locator {
    return this.page.getByTestId("check-result");
  }
}
