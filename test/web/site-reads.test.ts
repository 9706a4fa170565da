// The reads every page repeats (site settings, the comment form's sign-in buttons, whether
// mail is set up) are kept in memory for a second (src/web/cache/site-reads.ts). The owner's
// change must still show on the next page: at once in this process, and in another instance
// as soon as its page cache has read the shared change feed — not a second later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect.ts";
import { saveMailSettings } from "../../src/domain/mail-settings.ts";
import {
  blankProviderSettings,
  disableProvider,
  saveProvider,
} from "../../src/domain/sign-in-providers/provider-settings.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { PageCacheLayer } from "../../src/web/cache/cache-middleware.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const reviewPath = "/review/bob-le-flambeur-1956";
const mastodonButton = "Log in with </span>Mastodon";
const notifyBox = 'id="comment-notify-replies"';

const mailOn = {
  host: "127.0.0.1",
  port: 2525,
  security: "none" as const,
  user: "",
  password: "",
  fromName: "Cinelog journal",
  fromAddress: "journal@example.com",
};

describe.each(dialects)("site-wide reads on %s", (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("are read once for many pages, and a change in this process shows on the next page", async () => {
    const app = appFor(db, { pageCache: false });
    const html = async () => (await app.request(reviewPath)).text();
    const first = await html();
    expect(first).not.toContain(mastodonButton);
    expect(first).not.toContain(notifyBox);

    // The second page runs fewer statements than the first: the kept reads are not repeated.
    const firstCount = await db.queries.during(() => html());
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push(await db.queries.during(() => html()));
    expect(counts.every((n) => n <= firstCount)).toBe(true);

    await saveProvider(db, "mastodon", {
      ...blankProviderSettings,
      enabled: true,
      instance: "films.example",
    });
    expect(await html()).toContain(mastodonButton);
    await saveMailSettings(db, mailOn);
    expect(await html()).toContain(notifyBox);
    await saveSetting(db, "siteTitle", "Late Shows");
    expect(await html()).toContain("Late Shows");

    await disableProvider(db, "mastodon");
    expect(await html()).not.toContain(mastodonButton);
  });

  it("learn of another instance's change when the page cache reads the shared feed", async () => {
    let now = Date.now();
    const layer = new PageCacheLayer(db, { enabled: true, clock: () => now });
    const app = appFor(db, {}, layer);
    const page = async () => {
      const response = await app.request(reviewPath);
      return { cache: response.headers.get("x-cache"), html: await response.text() };
    };
    const before = await page();
    expect(before.html).not.toContain(mastodonButton);
    expect((await page()).cache).toBe("HIT");

    // Another instance: its own connection, so nothing reaches this process's change bus.
    const other = connect(db.url);
    try {
      await saveProvider(other, "mastodon", {
        ...blankProviderSettings,
        enabled: true,
        instance: "films.example",
      });
    } finally {
      await other.close();
    }
    // The page cache's clock passes its poll interval; the kept reads' own second has not
    // passed (the test takes milliseconds), so only the feed can have told them.
    now += 1100;
    const after = await page();
    expect(after.cache).toBe("MISS");
    expect(after.html).toContain(mastodonButton);
  });
});
