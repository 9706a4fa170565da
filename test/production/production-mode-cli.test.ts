// `cinelog serve --production` (or NODE_ENV=production) refuses an unsafe configuration
// before it serves anything, and says exactly what to set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-production-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const base = { DATABASE_URL: `sqlite:${path.join(dir, "site.db")}`, CINELOG_DATA_DIR: dir };

describe("production mode", () => {
  it("refuses to start without SITE_URL, naming it", async () => {
    const result = await runCli(["serve", "--production"], { ...base, SITE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Refusing to start in production mode:\n- SITE_URL is not set/);
    expect(result.stderr).toMatch("SITE_URL=https://films.example.org");
  });

  it("refuses a plain-http SITE_URL that is not loopback, under NODE_ENV=production too", async () => {
    const result = await runCli(["serve"], {
      ...base,
      NODE_ENV: "production",
      SITE_URL: "http://films.example.org",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      "SITE_URL is http://films.example.org, not https: set SITE_URL=https://films.example.org",
    );
  });

  it("refuses to load the demo into an empty site unless CINELOG_DEMO says what to do", async () => {
    const result = await runCli(["serve", "--production"], {
      ...base,
      SITE_URL: "https://films.example.org",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch("The site is empty and CINELOG_DEMO is not set");
    expect(result.stderr).toMatch("CINELOG_DEMO=false");
  });

  it("refuses an unknown argument to serve", async () => {
    const result = await runCli(["serve", "--prod"], base);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch("Usage: cinelog serve [--production]");
  });
});
