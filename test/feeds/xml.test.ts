// The XML writer behind every feed and the sitemap: whatever goes in as text stays text.
import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { el, escapeXmlAttribute, escapeXmlText, xmlDocument } from "../../src/feeds/xml.ts";
import { parseXml } from "./read-feed.ts";

describe("the feed XML writer", () => {
  it("escapes text and attributes, and leaves a literal &amp; as written", () => {
    expect(escapeXmlText(`<a> & "b" 'c' ]]> Tom &amp; Jerry`)).toBe(
      `&lt;a&gt; &amp; "b" 'c' ]]&gt; Tom &amp;amp; Jerry`,
    );
    expect(escapeXmlAttribute(`x<"y">&\n\tz`)).toBe("x&lt;&quot;y&quot;&gt;&amp;&#10;&#9;z");
  });

  it("drops the characters XML 1.0 cannot carry and keeps everything else", () => {
    const text = `a\u0000b\u0008c\u000Bd\uFFFEe\uFFFF\uD800f\tg\nh\r🎬 é`;
    expect(escapeXmlText(text)).toBe("abcdef\tg\nh\r🎬 é");
  });

  it("builds documents whose text reads back exactly", () => {
    const title = `</title><script>x</script> ]]> &amp; \u0001`;
    const xml = xmlDocument(
      el(
        "rss",
        { version: "2.0" },
        el(
          "channel",
          null,
          el("title", null, title),
          el("link", null, "http://example.com/?a=1&b=2"),
          el("item", null, el("title", null, "One")),
        ),
      ),
    );
    const doc = parseXml(xml);
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    expect(doc.querySelector("channel > title")?.textContent).toBe(
      `</title><script>x</script> ]]> &amp; `,
    );
    const feed = parseFeed(xml);
    expect(feed.url).toBe("http://example.com/?a=1&b=2");
    expect(feed.items.map((i) => i.title)).toEqual(["One"]);
  });

  it("keeps attribute values exact", () => {
    const term = `x"<y> & 'z'`;
    const atom = xmlDocument(
      el(
        "feed",
        { xmlns: "http://www.w3.org/2005/Atom" },
        el("entry", null, el("id", null, "urn:x"), el("category", { term })),
      ),
    );
    expect(parseFeed(atom).items[0]?.categories[0]?.term).toBe(term);
  });

  it("writes empty elements as self-closing and leaves out undefined attributes", () => {
    const xml = xmlDocument(el("link", { rel: "self", title: undefined, length: 0 }));
    expect(xml).toBe('<?xml version="1.0" encoding="utf-8"?>\n<link rel="self" length="0"/>\n');
  });
});
