// `cinelog serve` on a site without an owner prints a one-time setup link that works in a
// real server process, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startServer } from "../support/cli.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";

describe("the setup link printed by cinelog serve", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb("sqlite");
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("creates the owner once", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startServer({
      DATABASE_URL: db.url,
      CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, ""),
      CINELOG_DEMO: "false",
      PORT: String(port),
    });
    try {
      const output = await server.ready;
      const link = new RegExp(`${base}/admin/setup/[\\w.-]+`).exec(output)?.[0];
      expect(link, output).toBeDefined();
      expect((await fetch(link!)).status).toBe(200);
      const form = () =>
        fetch(link!, {
          method: "POST",
          redirect: "manual",
          headers: { origin: base },
          body: new URLSearchParams({
            email: "me@example.com",
            name: "Me",
            password: "a long enough secret",
          }),
        });
      const created = await form();
      expect(created.status).toBe(303);
      expect(created.headers.get("set-cookie")).toContain("cinelog_session=");
      expect((await form()).status).toBe(404);
      expect((await fetch(link!)).status).toBe(404);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
