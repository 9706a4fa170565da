// Runs axe-core in a Playwright page and returns its violations as readable lines.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/**
 * The rules whose answer depends on colours. The dark scheme changes nothing but colour
 * variables (test/architecture/dark-scheme.test.ts holds that true), so a page already checked
 * in full in light mode needs only these in dark mode: the structural rules would give the
 * same answers twice, and they are most of axe's time.
 */
const colourRules = ["color-contrast", "link-in-text-block"];

/**
 * Contexts whose every new document loads axe before its own scripts (an init script). Adding
 * axe to each checked page with a script tag instead cost about as much as running it: a walk
 * of six demo pages took 32–53 s that way against 12–20 s with the init script, at load 22.
 */
const contextsLoadingAxe = new WeakSet<BrowserContext>();

/** The page's CSP forbids the inline script axe needs: open it with `bypassCSP: true`. */
export async function axeViolations(page: Page): Promise<string[]> {
  // A check is of the page as loaded, styles included: after a click that posts a form, the
  // new document may still be loading (axe then saw links in default colours on the dark
  // background). Adding axe with a script tag used to take long enough to hide that.
  await page.waitForLoadState("load");
  // From the first check on, the context's later documents come with axe; this one (opened
  // before) and any whose scripts do not run get it now.
  const context = page.context();
  if (!contextsLoadingAxe.has(context)) {
    contextsLoadingAxe.add(context);
    await context.addInitScript({ content: axeSource });
  }
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: axeSource });
  }
  const result = await page.evaluate(async (colourRules) => {
    const axe = (window as unknown as { axe: { run: (options?: object) => Promise<AxeResult> } })
      .axe;
    const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
    return axe.run(dark ? { runOnly: { type: "rule", values: colourRules } } : {});
  }, colourRules);
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** Gathers the violations of every state checked, so that one bad page hides none of the rest. */
export function axeChecker(page: Page) {
  const problems: string[] = [];
  const check = async (label: string, on: Page = page) => {
    for (const v of await axeViolations(on)) problems.push(`${label}: ${v}`);
  };
  return { problems, check };
}
