// Where addresses are written and which references are the site's own: plain functions, so
// no database here (static-site.test.ts exports real sites on both databases).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outputFile, UnsafePathError } from "../../src/exporters/static-site/file-paths.ts";
import { linksInHtml, linksInText, sitePath } from "../../src/exporters/static-site/found-links.ts";

const site = "https://films.example";

describe("static export file paths", () => {
  it("writes pages as folder indexes and files under their own names", () => {
    expect(outputFile("/out", "/", true)).toBe(path.join("/out", "index.html"));
    expect(outputFile("/out", "/review/heat-1995", true)).toBe("/out/review/heat-1995/index.html");
    expect(outputFile("/out", "/feed.xml", false)).toBe("/out/feed.xml");
    expect(outputFile("/out", "/media/stills/a%20b.jpg", false)).toBe("/out/media/stills/a b.jpg");
  });

  it("never names a file outside the folder", () => {
    for (const bad of [
      "/review/..",
      "/media/%2e%2e/x",
      "/media/a%2Fb.jpg",
      "/x/%00",
      "/%E0%A4%A",
    ]) {
      expect(() => outputFile("/out", bad, false), bad).toThrow(UnsafePathError);
    }
    expect(() => outputFile("/out", "/", false)).toThrow(UnsafePathError);
  });
});

describe("the site's own references", () => {
  it("keeps root-relative and same-site addresses, without query or fragment", () => {
    expect(sitePath("/review/heat-1995?replytocom=3#respond", site)).toBe("/review/heat-1995");
    expect(sitePath(`${site}/media/a.jpg`, site)).toBe("/media/a.jpg");
    expect(sitePath(site, site)).toBe("/");
    expect(sitePath(`${site}.evil.example/x`, site)).toBeUndefined();
    expect(sitePath("//cdn.example/x.js", site)).toBeUndefined();
    expect(sitePath("https://elsewhere.example/", site)).toBeUndefined();
    expect(sitePath("#comments", site)).toBeUndefined();
  });

  it("finds links, images, srcsets and GET forms in a page, not forms that post", () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/assets/style.abc.css">
      <meta property="og:image" content="${site}/media/share.jpg">
      <script type="application/ld+json">{"url":"${site}/person/al-pacino"}</script>
      </head><body>
      <a href="/film/heat-1995">Film</a> <a href="https://elsewhere.example/">Out</a>
      <picture><source srcset="/media/a-480.webp 480w, /media/a-960.webp 960w">
      <img src="/media/a-960.jpg" srcset="/media/a-480.jpg 480w"></picture>
      <form method="get" action="/search"></form>
      <form method="post" action="/review/heat-1995/comments"></form>
      </body></html>`;
    expect(linksInHtml(html, site).sort()).toEqual(
      [
        "/assets/style.abc.css",
        "/film/heat-1995",
        "/media/a-480.jpg",
        "/media/a-480.webp",
        "/media/a-960.jpg",
        "/media/a-960.webp",
        "/media/share.jpg",
        "/person/al-pacino",
        "/search",
      ].sort(),
    );
  });

  it("finds the site's absolute addresses in feeds and the sitemap", () => {
    const xml = `<rss><item><link>${site}/review/heat-1995</link>
      <enclosure url="${site}/media/heat.jpg"/><comments>${site}/review/heat-1995#comments</comments>
      <source>https://other.example/review/x</source></item></rss>`;
    expect(linksInText(xml, site).sort()).toEqual(["/media/heat.jpg", "/review/heat-1995"]);
  });
});
