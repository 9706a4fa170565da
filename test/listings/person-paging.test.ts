// A person's page in pages on both databases: one row per film whatever the roles, films
// chosen a page at a time in year order, role counts over every page, 301 for /page/1,
// 404 past the end, rel links in the head.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditRole } from "../../src/db/schema.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { createUser } from "../../src/domain/users.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

describe.each(dialects)("a person's films in pages on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const author = await createUser(db, {
      email: "pages@example.com",
      displayName: "Page Turner",
      role: "owner",
    });
    for (let n = 1; n <= 7; n++) {
      // Director of all seven; writer and composer too on the odd ones.
      const roles: CreditRole[] = n % 2 === 1 ? ["director", "writer", "music"] : ["director"];
      const credits = roles.map((role) => ({ role, name: "Prolific Maker" }));
      const film = await createFilm(db, { title: `Work ${n}`, year: 1960 + n, credits });
      await createReview(db, {
        authorId: author.id,
        filmId: film.id,
        status: "published",
        body: `Thoughts on work ${n}, written for this test.`,
      });
    }
    await saveSetting(db, "reviewsPerPage", 3);
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const rows = (document: Awaited<ReturnType<typeof getPage>>["document"]) =>
    [...document.querySelectorAll(".filmography li a:first-child")].map((a) => textOf(a));
  const rel = (document: Awaited<ReturnType<typeof getPage>>["document"], name: string) =>
    document.querySelector(`head link[rel="${name}"]`)?.getAttribute("href") ?? null;

  it("pages the films in year order, counting roles over all of them", async () => {
    const base = "/person/prolific-maker";
    const one = await getPage(app, base);
    expect(one.response.status).toBe(200);
    expect(rows(one.document)).toEqual(["Work 1 (1961)", "Work 2 (1962)", "Work 3 (1963)"]);
    expect(textOf(one.document.querySelector("#person-films"))).toBe("Films reviewed here (7)");
    expect(textOf(one.document.querySelector(".role-counts"))).toBe(
      "Director (7) · Writer (4) · Composer (4)",
    );
    expect([rel(one.document, "prev"), rel(one.document, "next")]).toEqual([
      null,
      `${base}/page/2`,
    ]);

    const last = await getPage(app, `${base}/page/3`);
    expect(rows(last.document)).toEqual(["Work 7 (1967)"]);
    expect(textOf(last.document.querySelector(".filmography li .roles"))).toBe(
      "— Director, Writer, Composer",
    );
    expect([rel(last.document, "prev"), rel(last.document, "next")]).toEqual([
      `${base}/page/2`,
      null,
    ]);
    const again = await app.request(`${base}/page/1`);
    expect(again.status).toBe(301);
    expect(again.headers.get("location")).toBe(base);
    expect((await app.request(`${base}/page/4`)).status).toBe(404);
  });
});
