// Reading other sites' HTML: which addresses a page links to, where it advertises its
// Webmention endpoint (Link header first, then the first <link>/<a> in document order,
// relative addresses resolved), and the h-entry's kind and author. Fuzzed: arbitrary text
// never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  endpointFromHtml,
  endpointFromLinkHeader,
  linkedAddresses,
  linksTo,
} from "../../../src/domain/webmentions/html-links.ts";
import { maxContentChars, parseMention } from "../../../src/domain/webmentions/mention-parse.ts";

const page = new URL("https://blog.example/2026/05/post");
const target = "https://cinelog.example/review/leaving-las-vegas";

describe("links in a page", () => {
  it("finds absolute, relative and <base>-relative links, without fragments", () => {
    const html = `<base href="https://other.example/dir/"><a href="a">a</a>
      <a href="https://cinelog.example/review/leaving-las-vegas#comments">r</a>
      <img src="/pic.jpg"><a href="mailto:x@y">m</a><a href="javascript:alert(1)">j</a>`;
    expect(linkedAddresses(html, page).sort()).toEqual([
      "https://cinelog.example/review/leaving-las-vegas",
      "https://other.example/dir/a",
      "https://other.example/pic.jpg",
    ]);
    expect(linksTo(html, page, target)).toBe(true);
    expect(linksTo("<p>https://cinelog.example/review/leaving-las-vegas</p>", page, target)).toBe(
      false,
    );
  });
});

describe("endpoint discovery", () => {
  it("reads Link headers, quoted or not, among other rels", () => {
    expect(endpointFromLinkHeader('</wm>; rel="webmention"', page)?.href).toBe(
      "https://blog.example/wm",
    );
    expect(
      endpointFromLinkHeader(
        ['<https://x.example/a>; rel="other"', "<https://x.example/b>; rel=webmention"],
        page,
      )?.href,
    ).toBe("https://x.example/b");
    expect(
      endpointFromLinkHeader('<https://x.example/c>; rel="nofollow webmention"', page)?.href,
    ).toBe("https://x.example/c");
    expect(endpointFromLinkHeader('<https://x.example/d>; rel="webmentions"', page)).toBe(
      undefined,
    );
  });

  it("takes the first <link> or <a> with rel=webmention in document order", () => {
    const html = `<html><head><link rel="stylesheet" href="/s.css"></head><body>
      <a rel="webmention" href="endpoint?x=1">first</a>
      <link rel="webmention" href="/second"></body></html>`;
    expect(endpointFromHtml(html, page)?.href).toBe("https://blog.example/2026/05/endpoint?x=1");
    // An empty href is the page itself.
    expect(endpointFromHtml('<link rel="webmention" href="">', page)?.href).toBe(page.href);
    expect(endpointFromHtml('<a rel="webmention">no href</a>', page)).toBe(undefined);
  });
});

describe("parseMention", () => {
  const entry = (inner: string) =>
    `<div class="h-entry"><span class="p-author h-card"><a class="p-name u-url" href="https://rita.example/">Rita</a></span>${inner}</div>`;

  it("tells replies, likes, reposts and mentions apart", () => {
    const kinds = [
      [`<a class="u-in-reply-to" href="${target}">re</a>`, "reply"],
      [`<a class="u-like-of" href="${target}">like</a>`, "like"],
      [`<a class="u-repost-of" href="${target}">repost</a>`, "repost"],
      [
        `<a class="u-in-reply-to" href="https://elsewhere.example/">re</a><a href="${target}">x</a>`,
        "mention",
      ],
      [
        `<div class="u-in-reply-to h-cite"><a class="u-url" href="${target}">cited</a></div>`,
        "reply",
      ],
    ] as const;
    for (const [inner, kind] of kinds) {
      const mention = parseMention(entry(inner), page, target);
      expect(mention.kind, inner).toBe(kind);
      expect(mention.authorName).toBe("Rita");
      expect(mention.authorUrl).toBe("https://rita.example/");
    }
  });

  it("falls back to the source's host with no h-entry, and bounds the content", () => {
    const bare = parseMention(`<p><a href="${target}">x</a></p>`, page, target);
    expect(bare).toMatchObject({ kind: "mention", authorName: "blog.example", content: "" });
    const long = parseMention(
      entry(`<div class="e-content">${"word ".repeat(5000)}</div>`),
      page,
      target,
    );
    expect(long.content.length).toBeLessThanOrEqual(maxContentChars);
  });

  it("never trusts a javascript: author address", () => {
    const html = `<div class="h-entry"><a class="p-author h-card" href="javascript:alert(1)">Eve</a></div>`;
    expect(parseMention(html, page, target).authorUrl).toBe("https://blog.example/");
  });

  it("never throws on arbitrary HTML", () => {
    const fragment = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<div class="h-entry">',
        "</div>",
        '<a class="u-in-reply-to" href="',
        target,
        '">',
        '<link rel="webmention" href="',
        "<base href=",
        '<span class="p-author h-card">',
        "<template>",
      ),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const html = parts.join("");
        const mention = parseMention(html, page, target);
        expect(["mention", "reply", "like", "repost"]).toContain(mention.kind);
        expect(typeof linksTo(html, page, target)).toBe("boolean");
        endpointFromHtml(html, page);
        endpointFromLinkHeader(html, page);
      }),
      { numRuns: 300 },
    );
  });
});
