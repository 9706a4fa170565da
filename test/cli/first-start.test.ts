// The first start of `cinelog serve` on an empty database, in a child process as an operator
// runs it: the demo is loaded for real (its stills drawn and encoded: most of a minute of CPU
// on a busy machine), served, and refused a second time. It has a file of its own, apart from
// test/cli/cli.test.ts, and the two databases start side by side, so the longest wait of the
// CLI's tests neither runs twice in a row nor holds up the quick ones behind it.
import { describe, it } from "vitest";
import { freePort, runCli, startServer } from "../support/cli.ts";
import { dialects, openTestDb } from "../support/databases.ts";

describe("cinelog serve on an empty database", () => {
  it.concurrent.for(dialects)(
    "serves the demo site on first start, then refuses to load the demo twice (%s)",
    { timeout: 180_000 },
    async (dialect, { expect }) => {
      const db = await openTestDb(dialect);
      try {
        const env = {
          DATABASE_URL: db.url,
          CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, ""),
        };
        // An owner made from the terminal first, as an operator does: a site with an account
        // but no films is still empty, and the start names the account to sign in with.
        const owner = await runCli(
          [
            "user",
            "add",
            "--email",
            "owner@example.com",
            "--name",
            "The Owner",
            "--password-stdin",
          ],
          env,
          "a long enough secret\n",
        );
        expect(owner.code).toBe(0);
        const port = await freePort();
        const server = startServer({ ...env, PORT: String(port) });
        try {
          const output = await server.ready;
          expect(output).toContain(`Cinelog is serving http://127.0.0.1:${port}`);
          expect(output).toContain("Owner account: owner@example.com");
          const home = await fetch(`http://127.0.0.1:${port}/`);
          expect(home.status).toBe(200);
          const html = await home.text();
          expect(html).toContain('href="/review/leaving-las-vegas-1995"');
          const review = await fetch(`http://127.0.0.1:${port}/review/leaving-las-vegas-1995`);
          const reviewHtml = await review.text();
          const still = /<img src="(\/media\/[^"]+\.jpg)"/.exec(reviewHtml)?.[1];
          expect(still).toBeDefined();
          const image = await fetch(`http://127.0.0.1:${port}${still}`);
          expect(image.status).toBe(200);
          expect(image.headers.get("content-type")).toBe("image/jpeg");
        } finally {
          await server.stop();
        }
        // Stopping is said, not silent: the terminal shows the server really ended.
        expect(server.output()).toMatch(/Stopping \(SIGTERM\)…\nCinelog stopped\.\n$/);
        const demoAgain = await runCli(["demo"], env);
        expect(demoAgain.code).toBe(1);
        expect(demoAgain.stderr).toContain("already has films");
      } finally {
        await db.dispose();
      }
    },
  );
});
