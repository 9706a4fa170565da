// `cinelog export wxr`, read back with the importer's own streaming reader (saxes, strict):
// a WXR 1.2 document WordPress can import, with the posts written the way the importer
// reads them, on both databases.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WxrExportCounts } from "../../src/exporters/wxr/export-wxr.ts";
import { cdata } from "../../src/exporters/wxr/wxr-text.ts";
import { reviewFromPost } from "../../src/importers/wordpress/review-post.ts";
import { readWxr } from "../../src/importers/wordpress/wxr-reader.ts";
import type { WxrItem, WxrRecord } from "../../src/importers/wordpress/wxr-types.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { hostileTitle } from "../support/fixture.ts";
import { buildExportSite, exportToFile, siteUrl } from "./wxr-site.ts";

describe("WXR text", () => {
  it("splits ]]> across CDATA sections and drops characters XML cannot carry", () => {
    expect(cdata("a]]>b\u0001c\uFFFEd")).toBe("<![CDATA[a]]]]><![CDATA[>bcd]]>");
  });
});

describe.each(dialects)("exporting WXR on %s", (dialect) => {
  let db: TestDb;
  let records: WxrRecord[];
  let raw: string;
  let counts: WxrExportCounts;
  let fixture: Awaited<ReturnType<typeof buildExportSite>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildExportSite(db);
    const exported = await exportToFile(db);
    counts = exported.counts;
    raw = fs.readFileSync(exported.file, "utf8");
    records = [];
    for await (const record of readWxr(exported.file)) records.push(record);
  });
  afterAll(() => db.dispose());

  const items = () => records.flatMap((r) => (r.type === "item" ? [r.item] : []));
  const post = (title: string): WxrItem => {
    const found = items().find((i) => i.postType === "post" && i.title === title);
    if (!found) throw new Error(`no post ${title}`);
    return found;
  };

  it("is a WXR 1.2 channel with the site, its authors and its tags", () => {
    expect(raw).toMatch(/^<\?xml version="1.0" encoding="UTF-8" \?>/);
    expect(raw).toContain('xmlns:wp="http://wordpress.org/export/1.2/"');
    const site = records.find((r) => r.type === "site");
    expect(site?.type === "site" && site.site).toMatchObject({
      title: "Cinelog",
      baseUrl: siteUrl,
      wxrVersion: "1.2",
    });
    const authors = records.flatMap((r) => (r.type === "author" ? [r.author] : []));
    expect(authors).toEqual([
      {
        id: String(fixture.author.id),
        login: "critic",
        email: "critic@example.com",
        displayName: "Ada Critic",
      },
    ]);
    const terms = records.flatMap((r) => (r.type === "term" ? [r.term] : []));
    expect(terms.map((t) => `${t.kind}:${t.name}`).sort()).toEqual([
      "tag:Las Vegas",
      "tag:Lists",
      "tag:Neo-noir",
    ]);
    expect(counts).toEqual({ reviews: 7, stills: 2, comments: 6, posts: 3, series: 1 });
  });

  it("writes each review as a post the importer reads back: title, credit line, Up Next", () => {
    const vegas = post("Leaving Las Vegas (1995)");
    expect(vegas.status).toBe("publish");
    expect(vegas.postName).toBe(fixture.reviews.vegasReview.slug);
    expect(vegas.postDateGmt).toBe("2026-01-12 20:00:00");
    expect(vegas.link).toBe(`${siteUrl}/review/${fixture.reviews.vegasReview.slug}`);
    expect(vegas.terms.map((t) => `${t.domain}:${t.name}`).sort()).toEqual([
      "post_tag:Las Vegas",
      "post_tag:Neo-noir",
    ]);
    const read = reviewFromPost(vegas.title, vegas.content);
    expect(read?.film).toEqual({ title: "Leaving Las Vegas", year: 1995 });
    expect(read?.directors).toEqual(["Mike Figgis"]);
    // The series: Singin', Vegas, Bob, Friday, Games, Amélie.
    expect(read?.upNext).toEqual([
      { title: "Bob le Flambeur", year: 1956 },
      { title: "His Girl Friday", year: 1940 },
      { title: "House of Games", year: 1987 },
    ]);
    expect(read?.body).toContain("<h2>A last weekend</h2>");
    expect(read?.body).not.toContain("<script");

    const singin = reviewFromPost("x (2000)", post("Singin' in the Rain (1952)").content);
    expect(singin?.directors).toEqual(["Stanley Donen", "Gene Kelly"]);
    expect(post("House of Games (1987)").status).toBe("draft");
    expect(post("House of Games (1987)").postDateGmt).toBe("0000-00-00 00:00:00");
    expect(post("Amélie (2001)").status).toBe("future");
    expect(post("Amélie (2001)").postDate).toBe("2099-01-01 00:00:00");
  });

  it("keeps hostile text as text, ]]> included, with no character XML refuses", () => {
    const hostile = post(`${hostileTitle} (2001)`);
    // Read from the line, markup is no person's name (the Cinelog meta carries the credit).
    expect(reviewFromPost(hostile.title, hostile.content)).toMatchObject({
      directors: [],
      creditUnread: "<img src=x onerror=alert(2)>",
    });
    expect(hostile.content).toContain("Directed by &lt;img src=x onerror=alert(2)&gt;");
    const bob = post("Bob le Flambeur (1956)");
    expect(bob.content).toContain("A ]]&gt; in the text");
    const meta = JSON.parse(bob.meta._cinelog_review ?? "{}") as { markdown: string };
    expect(meta.markdown).toContain("A ]]> in the text");
    expect(raw).not.toContain("\u0001");
    // Media on this site are named by their full address, for WordPress to download.
    expect(bob.content).toMatch(new RegExp(`src="${siteUrl}/media/inline/\\d+/frame-900\\.jpg"`));
  });

  it("carries threads, statuses and kinds of comments, leaving spam out", () => {
    const comments = post("Leaving Las Vegas (1995)").comments;
    const by = (name: string, body?: string) =>
      comments.find((c) => c.author === name && (!body || c.content.includes(body)));
    expect(comments.map((c) => c.author)).toEqual(["Ines", "Vera", "Ines", "Sam", "Removed"]);
    expect(by("Ines", "motel")).toMatchObject({
      approved: "1",
      type: "comment",
      parentId: "0",
      url: "https://ines.example.net/",
      dateGmt: "2026-01-13 10:00:00",
      content: "The <em>motel</em> scenes still hurt.\nEvery time.",
    });
    expect(by("Vera")?.parentId).toBe(by("Ines", "motel")?.id);
    expect(by("Ines", "Thanks")).toMatchObject({ approved: "0", parentId: by("Vera")?.id });
    // Its parent was spam, and left out: the reply stands alone.
    expect(by("Sam")?.parentId).toBe("0");
    expect(by("Removed")?.approved).toBe("trash");
    expect(raw).not.toContain("Cheap Watches");
    const pingback = post("Bob le Flambeur (1956)").comments[0];
    expect(pingback).toMatchObject({ type: "pingback", author: "Another Blog" });
  });

  it("lists stills as attachments at the site's media addresses, the lead one featured", () => {
    const vegas = post("Leaving Las Vegas (1995)");
    const attachments = items().filter((i) => i.postType === "attachment");
    expect(attachments).toHaveLength(2);
    const lead = attachments.find((a) => a.postId === vegas.meta._thumbnail_id);
    expect(lead).toMatchObject({
      parentId: vegas.postId,
      status: "inherit",
      attachmentUrl: `${siteUrl}/media/stills/vegas.jpg`,
      excerpt: "The Strip at dusk",
    });
    expect(lead?.meta._wp_attachment_image_alt).toBe("Neon over a desert road");
    const other = attachments.find((a) => a !== lead);
    expect(other?.attachmentUrl).toMatch(
      new RegExp(`^${siteUrl}/media/stills/\\d+/[\\w-]+-640\\.jpg$`),
    );
    expect(other?.meta._cinelog_still_position).toBe("1");
  });

  it("writes posts and pages that are not reviews, marked so they stay so", () => {
    const best = items().find((i) => i.title === "The best of (2025)");
    expect(best).toMatchObject({ postType: "post", status: "publish" });
    expect(best?.meta._cinelog_post).toBe("1");
    const about = items().find((i) => i.title === "About");
    const contact = items().find((i) => i.title === "Contact");
    expect(contact).toMatchObject({ postType: "page", status: "draft", parentId: about?.postId });
  });

  it("writes each series as a draft page listing its films in order", () => {
    const page = items().find((i) => i.postType === "page" && i.title.startsWith("Series:"));
    expect(page).toMatchObject({ title: "Series: Gamblers & Grifters", status: "draft" });
    expect(page?.content).toContain("<p>My list.</p>");
    const listed = [...(page?.content ?? "").matchAll(/<li>(.*?)<\/li>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ""),
    );
    expect(listed).toEqual([
      "Singin' in the Rain (1952)",
      "Leaving Las Vegas (1995)",
      "Bob le Flambeur (1956)",
      "His Girl Friday (1940)",
      "House of Games (1987)",
      "Amélie (2001)",
    ]);
    // Only public reviews are linked.
    expect(page?.content).toContain(
      `<a href="${siteUrl}/review/${fixture.reviews.bobReview.slug}">`,
    );
    expect(page?.content).not.toContain(fixture.reviews.draft.slug);
  });
});
