// Pictures of the site for anyone to look at: a demo site on a temporary SQLite database,
// an owner signed in, and PNGs of the home page, a review, the editor and the moderation
// queue (with held comments) at 1280 and 390 px, light and dark.
// Run: npx tsx scripts/screenshots.ts [outdir]   (default: screenshots/, which git ignores)
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { chromium } from "playwright-core";
import { connect } from "../src/db/connect.ts";
import { createComment } from "../src/domain/comments.ts";
import { run } from "../src/cli/run.ts";

const outDir = path.resolve(process.argv[2] ?? "screenshots");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-shots-"));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${dataDir}/site.db`,
  CINELOG_DATA_DIR: dataDir,
};
const email = "owner@example.com";
const password = "screenshots only";

const quiet = () => new Writable({ write: (_c, _e, done) => done() });
async function cli(args: string[], stdin = ""): Promise<void> {
  const io = { stdout: quiet(), stderr: process.stderr, stdin: Readable.from([stdin]), env };
  const code = await run(args, io);
  if (code !== 0) throw new Error(`cinelog ${args.join(" ")} exited ${code}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

await cli(["migrate"]);
await cli(["demo"]);
await cli(["user", "add", "--email", email, "--name", "The Owner", "--password-stdin"], password);

// A few held comments, one long, each with the reason the rules would have given.
const db = connect(env.DATABASE_URL);
const review = await db.kysely
  .selectFrom("reviews")
  .select(["id", "slug"])
  .orderBy("id")
  .executeTakeFirstOrThrow();
const held: [string, string, string][] = [
  [
    "Wilhelmina Featherstonehaugh",
    "first comment",
    "I came for the actors and stayed for the light. ".repeat(14),
  ],
  [
    "Theo",
    "3 links",
    "Three places I read about this: https://a.example https://b.example https://c.example",
  ],
  ["Ines", 'moderation word "casino"', "The casino sequence is the one I keep thinking about."],
];
for (const [name, reason, body] of held) {
  await createComment(db, {
    reviewId: review.id,
    name,
    email: `${name.split(" ")[0]!.toLowerCase()}@readers.example`,
    body,
    status: "pending",
    holdReason: reason,
  });
}
await db.close();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
  env: { ...env, PORT: String(port), HOST: "127.0.0.1", SITE_URL: base, LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const pages: [string, string][] = [
    ["home", "/"],
    ["review", `/review/${review.slug}`],
    ["editor", "/admin/reviews/new"],
    ["moderation", "/admin/comments?status=pending"],
  ];
  for (const width of [1280, 390]) {
    for (const scheme of ["light", "dark"] as const) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.goto(`${base}/admin/sign-in`);
      await page.fill("#email", email);
      await page.fill("#password", password);
      await Promise.all([
        page.waitForURL(/\/admin/),
        page.click('form[action="/admin/sign-in"] button'),
      ]);
      for (const [name, where] of pages) {
        await page.goto(`${base}${where}`);
        await page.screenshot({
          path: path.join(outDir, `${name}-${width}-${scheme}.png`),
          fullPage: true,
        });
      }
      await context.close();
    }
  }
  await browser.close();
  console.log(`Screenshots written to ${outDir}`);
} finally {
  server.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
}
