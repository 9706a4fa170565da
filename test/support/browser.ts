// A real browser for tests: Debian's Chromium driven by playwright-core (never a download).
// Debian's `chromium-headless-shell` is preferred when installed: the same Blink, V8 and
// DevTools protocol without the full browser's shell around them (it is what Playwright itself
// runs for headless Chromium). On this 2-core machine the browser files spent half the CPU
// with it (test/README.md, 2026-12-07), and the browser project was the suite's floor.
// `/usr/bin/chromium` is the fallback; CHROMIUM_PATH picks either (or any other).
// Starting Chromium costs about a second, so a worker process keeps one (sharedBrowser) for
// every browser file it runs, and each file works in contexts of its own that it closes at
// its end (releaseContexts). launchBrowser still starts a private one for a test that needs it.
import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

const headlessShellPath = "/usr/bin/chromium-headless-shell";

export const chromiumPath =
  process.env.CHROMIUM_PATH ??
  (fs.existsSync(headlessShellPath) ? headlessShellPath : "/usr/bin/chromium");

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Browser tests need Chromium at ${chromiumPath} (apt-get install chromium-headless-shell); .ci/run installs it.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

// Kept on globalThis so that it outlives a file's module graph when a worker runs several
// files; playwright closes it when the worker process exits.
const key = Symbol.for("cinelog.test.sharedBrowser");
const store = globalThis as unknown as { [key]?: Promise<Browser> };

/** This worker process's Chromium, started on first use. Do not close it: see releaseContexts. */
export async function sharedBrowser(): Promise<Browser> {
  const running = await store[key]?.catch(() => undefined);
  if (running?.isConnected()) return running;
  store[key] = launchBrowser();
  return store[key];
}

/** Closes every context the shared browser has open: a file's pages end with the file. */
export async function releaseContexts(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  await Promise.all(browser.contexts().map((context) => context.close()));
}
